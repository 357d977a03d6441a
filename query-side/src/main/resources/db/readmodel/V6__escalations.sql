-- The escalation list: every breach that the platform escalated to a receiving agency's manager and the partnership
-- coordinator, and what ended it. Filled by its own processing group, escalations (escalation.EscalationProjection),
-- so that it can be rebuilt, fail and catch up on its own. A new group has no token and starts from the first event:
-- escalations raised before this migration are projected on its first start.
--
-- The coordinator sees partnership-wide escalations and no personal data: ids, agencies, vocabularies, times and the
-- move-on needs (a closed vocabulary) only. Nothing sealed, no free text, no case.

-- Bookkeeping ---------------------------------------------------------------------------------------------------------
-- What the group must know of a referral that its escalation events do not carry (the referring agency, the type of a
-- move-on or LADO escalation) or that decides a resolution later (the move-on needs met so far). Its own table rather
-- than a read of referral_summary: another processing group's table may lag behind this one, or be empty mid-replay.
CREATE TABLE escalation_referral (
    referral_id         UUID          PRIMARY KEY,
    partnership_id      VARCHAR(64)   NOT NULL,
    referral_type       VARCHAR(64)   NOT NULL,
    referring_agency_id VARCHAR(64)   NOT NULL,
    -- The current receiving agency: moved by a redirect. An escalation keeps the agency it escalated against.
    receiving_agency_id VARCHAR(64)   NOT NULL,
    -- Refugee move-on only: every need reported met so far, sorted (a replay must give the same value).
    needs_met           VARCHAR(64)[] NOT NULL DEFAULT '{}',
    -- The sequence of the newest event applied: an older or redelivered one changes nothing.
    last_event_sequence BIGINT        NOT NULL
);

-- Nobody reads the bookkeeping as a user: the projection reads it as the tables' owner. It is protected like every
-- read-model table all the same (a table the query role may read needs forced row-level security and a policy), and
-- its policy shows the query role nothing at all.
SELECT read_model.protect_read_model_table('read_model.escalation_referral');

CREATE POLICY escalation_referral_actor_reads ON read_model.escalation_referral
    AS PERMISSIVE FOR SELECT TO icr_query
    USING (false);

-- Escalations ---------------------------------------------------------------------------------------------------------
-- One row per escalation event, keyed by the referral and that event's sequence: a redelivered event finds its row
-- and adds nothing. Rows are never deleted (except by a reset); resolution fills resolved_at, resolution and
-- resolved_by_sequence once, the first time a later event ends the escalation.
--
-- kind and what ends it (EscalationKind, EscalationResolution):
--   ACKNOWLEDGEMENT_OVERDUE    the receiving agency did not acknowledge within its SLA. Ended by the first answer:
--                              ACCEPTED, DECLINED, RETURNED_FOR_INFORMATION; or WITHDRAWN, SUSPENDED. An answer
--                              followed by a new deadline (information provided) may escalate again: a new row.
--   MOVE_ON_PERIOD_ENDING      the move-on period nears its end with needs open. Ended by NEEDS_MET (every need open
--                              when it escalated since reported met), OUTCOME_RECORDED, WITHDRAWN, SUSPENDED, or by the
--                              referrer's REDIRECTED or CLOSED after a decline: a decline alone leaves the person's
--                              needs open, and the referrer still has to find them another agency.
--   LADO_NOTIFICATION_OVERDUE  an allegation against staff or a volunteer did not reach the LADO in a working day.
--                              Ended by LADO_INFORMED, OUTCOME_RECORDED, WITHDRAWN, SUSPENDED, REDIRECTED or CLOSED; a
--                              decline does not discharge the duty to tell the LADO, so it does not end it either.
-- An escalation always stays with the agency it escalated against (receiving_agency_id): a redirect moves the referral
-- to another agency and resolves the old agency's escalations as REDIRECTED.
CREATE TABLE escalation (
    referral_id          UUID          NOT NULL,
    sequence             BIGINT        NOT NULL,
    kind                 VARCHAR(64)   NOT NULL,
    partnership_id       VARCHAR(64)   NOT NULL,
    referral_type        VARCHAR(64)   NOT NULL,
    referring_agency_id  VARCHAR(64)   NOT NULL,
    receiving_agency_id  VARCHAR(64)   NOT NULL,
    escalated_at         TIMESTAMPTZ   NOT NULL,
    -- What was due, and when: the end of the acknowledgement SLA, the LADO notification's deadline, or the end of the
    -- move-on period (the start of move_on_ends_on, UK time), so that every kind sorts on one column.
    due_at               TIMESTAMPTZ   NOT NULL,
    -- Move-on only: the day the period ends, and the needs open when it escalated (sorted).
    move_on_ends_on      DATE,
    open_needs           VARCHAR(64)[],
    resolved_at          TIMESTAMPTZ,
    resolution           VARCHAR(64),
    resolved_by_sequence BIGINT,
    PRIMARY KEY (referral_id, sequence),
    CONSTRAINT escalation_resolved_whole CHECK (
        (resolved_at IS NULL) = (resolution IS NULL) AND (resolved_at IS NULL) = (resolved_by_sequence IS NULL))
);

-- The list is a partnership's (the coordinator's) or a receiving agency's, sorted by escalated_at or due_at; the
-- coordinator's usual question is what is open and soonest due.
CREATE INDEX escalation_by_partnership ON escalation (partnership_id, escalated_at DESC);
CREATE INDEX escalation_by_receiving_agency ON escalation (receiving_agency_id, escalated_at DESC);
CREATE INDEX escalation_open_by_due ON escalation (partnership_id, due_at) WHERE resolved_at IS NULL;

-- Row-level security (the convention of V2). Within the actor's partnership: the partnership coordinator sees all of
-- its escalations; otherwise only the receiving agency's own, and there only for those who handle escalations, its
-- agency manager or its safeguarding lead. As for referral_summary, the receiving side of an out-of-school-settings
-- concern is the safeguarding lead's alone: that agency's plain manager does not see its escalations. The referring
-- agency is not escalated to, so it sees none here (it sees the breach on its outbox row).
SELECT read_model.protect_read_model_table('read_model.escalation');

CREATE POLICY escalation_actor_reads ON read_model.escalation
    AS PERMISSIVE FOR SELECT TO icr_query
    USING (
        partnership_id = read_model.actor_partnership_id()
        AND (
            read_model.actor_has_role('partnership_coordinator')
            OR (
                receiving_agency_id = read_model.actor_agency_id()
                AND (read_model.actor_has_role('agency_manager') OR read_model.actor_has_role('safeguarding_lead'))
                AND (referral_type <> 'OUT_OF_SCHOOL_SETTINGS_CONCERN'
                     OR read_model.actor_has_role('safeguarding_lead'))
            )
        )
    );

-- The agencies' working views: what the inbox and outbox show of each referral, and each referral's timeline.
-- Both are filled by the processing group referral-summaries (referral.ReferralSummaryProjection and
-- referral.ReferralTimelineProjection), in the same batch transactions as its token, so a referral's row and its
-- timeline always agree on the referral's version (last_event_sequence = the sequence of its newest timeline entry).
--
-- No personal data here, not even sealed: ids, agencies, vocabularies, times and categorical facts and outcomes
-- only. The sealed parts of the events (particulars, questions, answers, reasons, notes) stay in the event store; the
-- detail endpoint reads them from there and opens them with the personal-data vault when a user asks
-- (referral.ReferralPersonalData).

-- Inbox and outbox ---------------------------------------------------------------------------------------------------
-- Every new column may be NULL or has a default: rows written before this migration are thrown away below and
-- rebuilt from the events, but tests (ReadModelRowLevelSecurityIntegrationTest) insert rows with the V1 columns only.
ALTER TABLE referral_summary
    ADD COLUMN case_id                     UUID,
    -- Whose key seals the referral's personal data: the case's data subject, or for an out-of-school concern the
    -- concern itself (its reporter). An id, not personal data; it tells the detail endpoint whether that person was
    -- erased (which changes what the detail shows, so its ETag).
    ADD COLUMN data_subject_id             UUID,
    ADD COLUMN lawful_basis                VARCHAR(64),
    -- The categorical facts of the referral's type (ReferralFacts as JSON): they identify nobody.
    ADD COLUMN facts                       JSONB,
    ADD COLUMN made_on                     DATE,
    -- The end of the acknowledgement SLA: set on raise, moved by InformationProvidedEvent and ReferralRedirectedEvent.
    ADD COLUMN acknowledge_by              TIMESTAMPTZ,
    -- Set by the first AcknowledgementOverdueEvent and never cleared: a breach stays on record after acceptance.
    ADD COLUMN sla_breached                BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN sla_breached_at             TIMESTAMPTZ,
    -- The user (the identity provider's subject id) the receiving agency assigned it to: on acceptance, reassignment.
    ADD COLUMN assignee_user_id            VARCHAR(255),
    -- The outcome in its type's vocabulary (ReferralOutcome as JSON, "kind" naming the type): no free text.
    ADD COLUMN outcome                     JSONB,
    ADD COLUMN outcome_recorded_at         TIMESTAMPTZ,
    ADD COLUMN suspension_reason           VARCHAR(64),
    ADD COLUMN suspended_at                TIMESTAMPTZ,
    -- Out-of-school concerns alleging something against staff or a volunteer must reach the LADO in a working day.
    ADD COLUMN lado_required               BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN lado_informed_at            TIMESTAMPTZ,
    ADD COLUMN lado_overdue_at             TIMESTAMPTZ,
    -- Refugee move-on: when the period ends, and the escalation when it nears its end with needs still open.
    ADD COLUMN move_on_ends_on             DATE,
    ADD COLUMN move_on_ending_escalated_at TIMESTAMPTZ,
    ADD COLUMN move_on_open_needs          VARCHAR(64)[],
    ADD COLUMN parent_referral_id          UUID,
    ADD COLUMN onward_referral_ids         UUID[]      NOT NULL DEFAULT '{}',
    -- When the newest event of the referral was stored.
    ADD COLUMN last_changed_at             TIMESTAMPTZ;

-- The lists sort by raised_at (indexes of V1) or by acknowledge_by.
CREATE INDEX referral_summary_inbox_by_acknowledge_by ON referral_summary (receiving_agency_id, acknowledge_by);
CREATE INDEX referral_summary_outbox_by_acknowledge_by ON referral_summary (referring_agency_id, acknowledge_by);

-- Timeline -----------------------------------------------------------------------------------------------------------
-- One row per event of a referral, in its sequence. The actor comes from the event's metadata (userId, agencyId,
-- roles), and is empty for what the platform did by itself (deadlines that fired). summary and details are
-- categorical; sealed_part names the personal data the event carries sealed (particulars, question, answer,
-- explanation, reason, note), if any: the detail endpoint opens it from the event store.
CREATE TABLE referral_timeline (
    referral_id     UUID         NOT NULL,
    sequence        BIGINT       NOT NULL,
    entry_type      VARCHAR(64)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    actor_user_id   VARCHAR(255),
    actor_agency_id VARCHAR(64),
    actor_roles     VARCHAR(255),
    summary         VARCHAR(500) NOT NULL,
    details         JSONB        NOT NULL DEFAULT '{}',
    sealed_part     VARCHAR(32),
    PRIMARY KEY (referral_id, sequence)
);

-- Row-level security (the convention of V2): the timeline is visible exactly when its referral is. The policy looks
-- the referral up in referral_summary as the reader, so referral_summary's own policy decides, and the two can never
-- disagree: within the actor's partnership, to its referring agency, and to its receiving agency (on the receiving
-- side of an out-of-school concern, to the safeguarding lead only). Nothing set, nothing seen.
SELECT read_model.protect_read_model_table('read_model.referral_timeline');

CREATE POLICY referral_timeline_actor_reads ON read_model.referral_timeline
    AS PERMISSIVE FOR SELECT TO icr_query
    USING (
        read_model.actor_partnership_id() IS NOT NULL
        AND EXISTS (
            SELECT FROM read_model.referral_summary s WHERE s.referral_id = referral_timeline.referral_id
        )
    );

-- Rebuild -----------------------------------------------------------------------------------------------------------
-- The new columns and the timeline come from events already projected: start the processing group again from the
-- first event (with no token, a streaming processor starts at the tail of the event store). Its old dead letters go
-- too: the rebuild meets those events again, and dead-letters them again if they still fail.
DELETE FROM dead_letter_entry WHERE processing_group = 'referral-summaries';
DELETE FROM token_entry WHERE processor_name = 'referral-summaries';
DELETE FROM referral_summary;

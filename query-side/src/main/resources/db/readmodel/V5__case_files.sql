-- The case view: the cases an agency holds, and the record of what was done to each (who opened it, every lawful
-- basis recorded, consent withdrawn, erasure). Filled by the processing group case-files (casefile.CaseFileProjection).
--
-- No personal data here, not even sealed: the person's details stay sealed in the CaseOpenedEvent, and the case
-- endpoints open them from the event store when a user of the holding agency reads the case. Who gave consent is a
-- category (the person, a parent or guardian, a legal representative), not a person.

-- One row per case. The lawful bases in force: consent (with its purposes and agencies) until withdrawn, and the
-- other bases recorded (public task, legal obligation, vital interests), which a withdrawal of consent leaves alone.
CREATE TABLE case_file (
    case_id              UUID         PRIMARY KEY,
    partnership_id       VARCHAR(64)  NOT NULL,
    owning_agency_id     VARCHAR(64)  NOT NULL,
    -- Whose key seals the person's details: tells the case endpoints whether the person was erased.
    data_subject_id      UUID         NOT NULL,
    opened_at            TIMESTAMPTZ  NOT NULL,
    consent_in_force     BOOLEAN      NOT NULL DEFAULT false,
    consent_given_by     VARCHAR(64),
    consent_given_on     DATE,
    consent_purposes     VARCHAR(64)[] NOT NULL DEFAULT '{}',
    consent_agencies     VARCHAR(64)[] NOT NULL DEFAULT '{}',
    consent_recorded_at  TIMESTAMPTZ,
    consent_withdrawn_at TIMESTAMPTZ,
    other_bases          VARCHAR(64)[] NOT NULL DEFAULT '{}',
    erased_at            TIMESTAMPTZ,
    -- The case's version: the sequence of its newest event projected. Updates apply only to a newer event, so a
    -- redelivered event changes nothing.
    last_event_sequence  BIGINT       NOT NULL,
    last_changed_at      TIMESTAMPTZ  NOT NULL
);

CREATE INDEX case_file_by_agency ON case_file (owning_agency_id, opened_at DESC);

-- One row per event of a case, in its sequence: the case's own history, with who acted (the event's metadata).
-- details holds the event's categorical content (basis, who gave consent, purposes, agencies), never the person.
CREATE TABLE case_file_history (
    case_id         UUID         NOT NULL,
    sequence        BIGINT       NOT NULL,
    entry_type      VARCHAR(64)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    actor_user_id   VARCHAR(255),
    actor_agency_id VARCHAR(64),
    actor_roles     VARCHAR(255),
    details         JSONB        NOT NULL DEFAULT '{}',
    PRIMARY KEY (case_id, sequence)
);

-- Row-level security (the convention of V2). A case is seen only by the agency that holds it, in the roles that work
-- with people's cases: coordinators, auditors and admins see no case here (the auditor's history is issue 6's own
-- view), and no other agency does, even one that received a referral about the person (it sees that referral's
-- particulars, which is what it was sent).
SELECT read_model.protect_read_model_table('read_model.case_file');

CREATE POLICY case_file_actor_reads ON read_model.case_file
    AS PERMISSIVE FOR SELECT TO icr_query
    USING (
        partnership_id = read_model.actor_partnership_id()
        AND owning_agency_id = read_model.actor_agency_id()
        AND (read_model.actor_has_role('caseworker')
             OR read_model.actor_has_role('agency_worker')
             OR read_model.actor_has_role('agency_manager')
             OR read_model.actor_has_role('safeguarding_lead'))
    );

-- The history is visible exactly when its case is: the policy asks case_file as the reader, so case_file's own
-- policy decides.
SELECT read_model.protect_read_model_table('read_model.case_file_history');

CREATE POLICY case_file_history_actor_reads ON read_model.case_file_history
    AS PERMISSIVE FOR SELECT TO icr_query
    USING (
        read_model.actor_partnership_id() IS NOT NULL
        AND EXISTS (SELECT FROM read_model.case_file c WHERE c.case_id = case_file_history.case_id)
    );

-- The case page lists the case's referrals from referral_summary.
CREATE INDEX referral_summary_by_case ON referral_summary (case_id);

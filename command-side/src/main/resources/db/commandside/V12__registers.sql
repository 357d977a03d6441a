-- The command side's own small views of cases and referrals, kept in step with their events in the same transaction
-- that stores them (subscribing event handlers). They let one aggregate's decision consult another's state: whether a
-- case may be shared, who received a parent referral. Ids and vocabularies only: no personal data.

CREATE TABLE case_register (
    case_id          UUID        PRIMARY KEY,
    partnership_id   VARCHAR(64) NOT NULL,
    owning_agency_id VARCHAR(64) NOT NULL,
    subject_id       UUID        NOT NULL,
    erased           BOOLEAN     NOT NULL DEFAULT FALSE,
    -- consent in force: comma-separated referral types and agency ids (empty agencies = any in the partnership)
    consent_purposes TEXT        NOT NULL DEFAULT '',
    consent_agencies TEXT        NOT NULL DEFAULT '',
    -- lawful bases other than consent, comma-separated
    other_bases      TEXT        NOT NULL DEFAULT ''
);

CREATE TABLE referral_register (
    referral_id         UUID        PRIMARY KEY,
    case_id             UUID,
    partnership_id      VARCHAR(64) NOT NULL,
    referring_agency_id VARCHAR(64) NOT NULL,
    receiving_agency_id VARCHAR(64) NOT NULL,
    lawful_basis        VARCHAR(32) NOT NULL,
    open                BOOLEAN     NOT NULL
);

CREATE INDEX referral_register_by_case ON referral_register (case_id) WHERE open;

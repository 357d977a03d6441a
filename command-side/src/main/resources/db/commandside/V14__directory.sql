-- The partnership directory register, kept in step with the Partnership aggregates' events in the same transaction
-- that stores them (subscribing event handlers, processing group directory-register). Referral decisions consult it
-- (is the receiving agency one of the partnership's?) and so do service levels (the partnership's acknowledgement
-- SLA per referral type). Organisation names, ids and vocabularies only: no personal data.

CREATE TABLE directory_register (
    partnership_id VARCHAR(64)  PRIMARY KEY,
    name           VARCHAR(200) NOT NULL
);

-- Agency ids are unique across partnerships (each starts with its partnership's id and a hyphen) and never reused:
-- a retired agency keeps its row.
CREATE TABLE agency_register (
    agency_id        VARCHAR(64)  PRIMARY KEY,
    partnership_id   VARCHAR(64)  NOT NULL REFERENCES directory_register (partnership_id),
    name             VARCHAR(200) NOT NULL,
    -- the referral types the agency takes, comma-separated (empty: it only refers)
    services_offered TEXT         NOT NULL DEFAULT '',
    retired          BOOLEAN      NOT NULL DEFAULT FALSE
);

-- Acknowledgement SLAs a partnership's admins set; a type without a row keeps the configured value or the default.
CREATE TABLE service_level_register (
    partnership_id               VARCHAR(64) NOT NULL REFERENCES directory_register (partnership_id),
    referral_type                VARCHAR(40) NOT NULL,
    acknowledgement_working_days INT         NOT NULL CHECK (acknowledgement_working_days BETWEEN 1 AND 50),
    PRIMARY KEY (partnership_id, referral_type)
);

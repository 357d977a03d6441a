-- The query side's own schema: its read models and the tracking tokens of the processors that fill them.
-- Tokens sit in the same database as the read models, so a batch and its token commit together (exactly once).

CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- One row per referral, seen by its referring agency (outbox) and its receiving agency (inbox).
CREATE TABLE referral_summary (
    referral_id         UUID        PRIMARY KEY,
    referral_type       VARCHAR(64) NOT NULL,
    status              VARCHAR(64) NOT NULL,
    partnership_id      VARCHAR(64) NOT NULL,
    referring_agency_id VARCHAR(64) NOT NULL,
    receiving_agency_id VARCHAR(64) NOT NULL,
    raised_at           TIMESTAMPTZ NOT NULL,
    last_event_sequence BIGINT      NOT NULL
);

CREATE INDEX referral_summary_inbox ON referral_summary (receiving_agency_id, raised_at DESC);
CREATE INDEX referral_summary_outbox ON referral_summary (referring_agency_id, raised_at DESC);

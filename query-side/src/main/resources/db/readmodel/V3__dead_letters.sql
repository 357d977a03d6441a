-- Axon's JDBC sequenced dead-letter queue (JdbcSequencedDeadLetterQueue), one for every processing group of the query
-- side (projection.DeadLetterQueueForEveryProcessingGroup). An event whose handler fails lands here, and every later
-- event of the same sequence (the same aggregate, so the same referral) is parked behind it, while other sequences
-- keep flowing. The rows commit in the batch's transaction, together with the read models and the token.
--
-- Owned by Flyway, not created at start-up. The columns are those of Axon's GenericDeadLetterTableFactory in snake
-- case (projection.ProjectionConfiguration#deadLetterSchema tells Axon the names); payloads, metadata, tokens and
-- diagnostics are bytea holding Jackson JSON, never large objects. Axon writes the timestamps as ISO-8601 strings and
-- compares them as strings, so they stay VARCHAR.

CREATE TABLE dead_letter_entry (
    dead_letter_identifier VARCHAR(255)  NOT NULL,
    processing_group       VARCHAR(255)  NOT NULL,
    sequence_identifier    VARCHAR(255)  NOT NULL,
    sequence_index         BIGINT        NOT NULL,
    message_type           VARCHAR(255)  NOT NULL,
    event_identifier       VARCHAR(255)  NOT NULL,
    time_stamp             VARCHAR(255)  NOT NULL,
    payload_type           VARCHAR(255)  NOT NULL,
    payload_revision       VARCHAR(255),
    payload                BYTEA         NOT NULL,
    meta_data              BYTEA,
    type                   VARCHAR(255),
    aggregate_identifier   VARCHAR(255),
    sequence_number        BIGINT,
    token_type             VARCHAR(255),
    token                  BYTEA,
    enqueued_at            VARCHAR(255)  NOT NULL,
    last_touched           VARCHAR(255),
    processing_started     VARCHAR(255),
    cause_type             VARCHAR(255),
    cause_message          VARCHAR(1023),
    diagnostics            BYTEA,
    PRIMARY KEY (dead_letter_identifier),
    -- Also serves every lookup by processing group, and by processing group and sequence.
    CONSTRAINT dead_letter_entry_sequence UNIQUE (processing_group, sequence_identifier, sequence_index)
);

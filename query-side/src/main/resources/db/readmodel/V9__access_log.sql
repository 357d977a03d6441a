-- The access log as the auditors search it: one row per PersonalDataAccessedEvent (accesslog.AccessLogProjection,
-- processing group access-log). The entries themselves are events in the event store, appended before any personal
-- data is shown, so this table is only a searchable copy: a replay rebuilds it, and the integrity checks of the event
-- store cover the log itself. No personal data of the people read about: records are named by id.
CREATE TABLE access_log (
    access_id      UUID         PRIMARY KEY,
    partnership_id VARCHAR(64)  NOT NULL,
    agency_id      VARCHAR(64)  NOT NULL,
    user_id        VARCHAR(255) NOT NULL,
    roles          VARCHAR(255),
    record_kind    VARCHAR(32)  NOT NULL,
    record_ids     VARCHAR(64)[] NOT NULL,
    purpose        VARCHAR(64)  NOT NULL,
    accessed_at    TIMESTAMPTZ  NOT NULL
);

CREATE INDEX access_log_by_time ON access_log (partnership_id, accessed_at DESC);
CREATE INDEX access_log_by_record ON access_log USING gin (record_ids);

-- Row-level security (the convention of V2): only the partnership's auditors read its access log.
SELECT read_model.protect_read_model_table('read_model.access_log');

CREATE POLICY access_log_actor_reads ON read_model.access_log
    AS PERMISSIVE FOR SELECT TO icr_query
    USING (partnership_id = read_model.actor_partnership_id() AND read_model.actor_has_role('auditor'));

-- The partnership-wide event log for auditors (audit.eventlog.EventLogProjection, processing group event-log): one row
-- per stored event, with when, what (the event type and what it did in plain words), who (user, agency, roles from
-- its metadata; none when the platform acted by itself) and which record. No personal data: summaries are categorical,
-- sealed parts are never read. Rebuilt from the events like every read model.
CREATE TABLE event_log (
    event_id        VARCHAR(255) PRIMARY KEY,
    partnership_id  VARCHAR(64)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    event_type      VARCHAR(128) NOT NULL,
    aggregate_type  VARCHAR(64),
    aggregate_id    VARCHAR(255),
    sequence        BIGINT,
    actor_user_id   VARCHAR(255),
    actor_agency_id VARCHAR(64),
    actor_roles     VARCHAR(255),
    summary         VARCHAR(500) NOT NULL
);

CREATE INDEX event_log_by_time ON event_log (partnership_id, occurred_at, event_id);

-- Which partnership each record belongs to: most events name it (in their payload or their metadata); those that do
-- not (a referral accepted, say) take it from their record's first event.
CREATE TABLE event_log_record (
    aggregate_id   VARCHAR(255) PRIMARY KEY,
    partnership_id VARCHAR(64)  NOT NULL
);

-- Row-level security (the convention of V2): the partnership's auditors only.
SELECT read_model.protect_read_model_table('read_model.event_log');

CREATE POLICY event_log_actor_reads ON read_model.event_log
    AS PERMISSIVE FOR SELECT TO icr_query
    USING (partnership_id = read_model.actor_partnership_id() AND read_model.actor_has_role('auditor'));

SELECT read_model.protect_read_model_table('read_model.event_log_record');

CREATE POLICY event_log_record_actor_reads ON read_model.event_log_record
    AS PERMISSIVE FOR SELECT TO icr_query
    USING (partnership_id = read_model.actor_partnership_id() AND read_model.actor_has_role('auditor'));

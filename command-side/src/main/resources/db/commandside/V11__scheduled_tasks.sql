-- Persistent deadlines (Axon's DbSchedulerDeadlineManager on db-scheduler 16): one row per scheduled deadline until
-- it fires. Exactly db-scheduler 16.7.1's own PostgreSQL table (db-scheduler/src/test/resources/postgresql_tables.sql
-- at tag v16.7.1), created in the event_store schema, where the command side's search_path finds it.
-- task_data is JSON (db-scheduler's JacksonSerializer) holding ids and times only, never personal data: see
-- commandside.sla.DeadlinePayloadPolicy.

CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- Cancelling a referral's deadlines finds them by an index instead of reading every pending deadline.
-- Axon's DbSchedulerDeadlineManager.cancelAllWithinScope fetches and deserializes every pending AxonDeadline row and
-- compares its scope in Java: with thousands of open referrals, every accept, outcome and close read them all.
-- commandside.sla.ScopeIndexedDeadlineManager deletes the matching rows with one statement over this index instead.
--
-- task_data is db-scheduler's JSON (JacksonSerializer) of Axon's DbSchedulerHumanReadableDeadlineDetails; its
-- scopeDescriptor field is the scope as Axon's serializer writes it, the very text Axon compares.
-- Declared IMMUTABLE so it can be indexed: convert_from is only STABLE because it depends on the database's encoding,
-- which never changes for a database, and the source encoding is fixed here.
CREATE FUNCTION axon_deadline_scope(task_data BYTEA) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT convert_from(task_data, 'UTF8')::jsonb ->> 'scopeDescriptor' $$;

-- Only Axon's deadlines, whose task_data is always that JSON: other tasks' rows are never parsed.
CREATE INDEX scheduled_tasks_axon_deadline_scope_idx
    ON scheduled_tasks (axon_deadline_scope(task_data))
    WHERE task_name = 'AxonDeadline';

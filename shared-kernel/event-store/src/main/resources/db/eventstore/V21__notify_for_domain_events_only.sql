-- V20's wake-up, sent only when a statement appends a domain event (an aggregate's: `type` is set), not for an entry
-- of the access log (`PersonalDataAccessedEvent`, appended by the query side on every read of personal data, an event
-- of no aggregate: Axon stores it with `type` NULL). Every notifying commit takes PostgreSQL's one notification-queue
-- lock and holds it through its WAL flush, so notifying commits queue behind each other across the whole server:
-- under a load of reads (docs/performance.md, section 4) the access log's commits queued there and held their
-- connections. The processors still find access-log entries at their next look (every 500 ms without a wake-up, or at
-- the next domain event's), which is all the auditor's access log needs.
CREATE OR REPLACE FUNCTION notify_events_appended() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT 1 FROM appended WHERE type IS NOT NULL) THEN
        PERFORM pg_notify('icr_events_appended', '');
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER domain_event_entry_appended ON domain_event_entry;

CREATE TRIGGER domain_event_entry_appended
    AFTER INSERT ON domain_event_entry
    REFERENCING NEW TABLE AS appended
    FOR EACH STATEMENT
EXECUTE FUNCTION notify_events_appended();

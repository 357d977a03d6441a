-- Wakes the query side's event readers when events are appended, instead of their finding out at their next poll:
-- every statement that inserts events sends a notification on channel icr_events_appended. PostgreSQL delivers it when
-- the transaction commits (never for one rolled back) and once per transaction however many events it appended.
-- Numbered 20 to stay above the command side's own migrations, which share this history table.
CREATE FUNCTION notify_events_appended() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('icr_events_appended', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER domain_event_entry_appended
    AFTER INSERT ON domain_event_entry
    FOR EACH STATEMENT
EXECUTE FUNCTION notify_events_appended();

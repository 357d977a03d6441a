-- Tamper evidence for the event store: a hash chain over event_store.domain_event_entry in global order, and signed
-- checkpoints of it (queryside.audit.integrity; docs/audit.md). The format of a link is ChainEncoding's.
--
-- Its own schema, not read_model: the chain is not a read model. Nothing here is granted to the query role icr_query
-- (a new schema gives PUBLIC nothing), so a read as an actor cannot see it; the login role writes it from the chainer
-- and reads it for the verifier. It lives on the query side because the query side already reads every event in order
-- and has the gap timeout that decides when an index is a rolled-back insert; the command side, which appends, need
-- not know of it.
CREATE SCHEMA IF NOT EXISTS audit;

-- The links, in global order, covering every index from 1 to the chain's head without a hole: an event at
-- global_index (event_digest set, gap_end NULL), or a run of permanent gaps from global_index to gap_end (indexes the
-- sequence gave out to inserts that were rolled back). So a row that appears later at a gap's index is told apart
-- from a deleted event. A run is one link, however long: a jump of the sequence costs one row, not one per index.
CREATE TABLE audit.event_chain_link (
    global_index BIGINT      NOT NULL PRIMARY KEY,
    gap_end      BIGINT,
    event_digest BYTEA,
    link         BYTEA       NOT NULL,
    chained_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (octet_length(link) = 32),
    CHECK ((gap_end IS NULL) = (event_digest IS NOT NULL)),
    CHECK (gap_end IS NULL OR gap_end >= global_index),
    CHECK (event_digest IS NULL OR octet_length(event_digest) = 32)
);

-- Where the chain ends, and the one row the chainer locks (FOR UPDATE SKIP LOCKED): one writer across replicas.
CREATE TABLE audit.event_chain_head (
    id          BOOLEAN NOT NULL PRIMARY KEY DEFAULT true CHECK (id),
    position    BIGINT  NOT NULL,
    link        BYTEA,  -- NULL: nothing chained yet (the genesis)
    event_count BIGINT  NOT NULL
);
INSERT INTO audit.event_chain_head (position, link, event_count) VALUES (0, NULL, 0);

-- Signed checkpoints: the link at a position, signed with the audit signing key (Tink, Ed25519). Exported to be kept
-- elsewhere: a rewrite of events and links together cannot reproduce their signatures.
CREATE TABLE audit.event_chain_checkpoint (
    position    BIGINT      NOT NULL PRIMARY KEY,
    link        BYTEA       NOT NULL,
    event_count BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    signature   BYTEA       NOT NULL
);

-- Append only, against mistakes (the owner could drop the trigger: the signed checkpoints are the defence against
-- intent).
CREATE FUNCTION audit.refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;

CREATE TRIGGER event_chain_link_append_only BEFORE UPDATE OR DELETE ON audit.event_chain_link
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER event_chain_link_no_truncate BEFORE TRUNCATE ON audit.event_chain_link
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER event_chain_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit.event_chain_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER event_chain_checkpoint_no_truncate BEFORE TRUNCATE ON audit.event_chain_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

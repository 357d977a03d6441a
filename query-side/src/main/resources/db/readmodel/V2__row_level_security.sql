-- Isolation enforced a second time, in PostgreSQL: row-level security on every read-model table.
--
-- The first time is the application's own SQL (every repository read is scoped to the actor). This migration makes
-- the database refuse the same rows even if that SQL is wrong or missing.
--
-- How it works
--   * icr_query is a NOLOGIN role with no BYPASSRLS that owns nothing and may only SELECT read-model tables. The
--     application's login role (which runs Flyway, owns the tables and writes them from the projections) may
--     SET ROLE to it. Every read on behalf of a user (ReadModelReads, the only way the query side reads for a user)
--     runs in a read-only transaction that starts with
--         SET LOCAL ROLE icr_query;
--         SELECT set_config('icr.partnership_id', <partnership>, true),
--                set_config('icr.agency_id', <agency>, true),
--                set_config('icr.roles', <realm roles, comma-separated>, true);
--     Both are transaction-local: commit or rollback undoes them, so a pooled connection goes back to the pool as the
--     login role with nothing set, and the next user of it inherits nothing.
--   * The policies read the settings through read_model.actor_partnership_id(), read_model.actor_agency_id() and
--     read_model.actor_has_role(role). Unset or empty they give NULL / false, so a read with nothing set sees no rows:
--     the policies fail closed.
--   * Tables have row-level security enabled AND forced, so even their owner is subject to policies; the owner (the
--     projections' writer) gets an explicit policy allowing everything, for that role only. (A superuser or a role
--     with BYPASSRLS skips policies anyway, which is why reads must never run as the login role.)
--
-- The convention for every new read-model table (ReadModelRowLevelSecurityIntegrationTest fails without it):
--     SELECT read_model.protect_read_model_table('read_model.my_table');
--         -- ENABLE + FORCE row level security, GRANT SELECT to icr_query, policy my_table_projection_writes
--         -- (FOR ALL, TO the table's owner only)
--     CREATE POLICY my_table_actor_reads ON read_model.my_table FOR SELECT TO icr_query USING (<who may see a row>);
--         -- always within read_model.actor_partnership_id(): nobody sees anything of another partnership
-- Tables that are not read models (token_entry, flyway_schema_history, dead letters) get no grant to icr_query at
-- all; they are listed by name in that test. Do not add ALTER DEFAULT PRIVILEGES for icr_query: a table nobody
-- protected must fail with "permission denied", not be readable.
-- Do not add RESTRICTIVE policies TO icr_query: the login role is a member of icr_query, so on PostgreSQL 15 (no
-- per-grant INHERIT FALSE) such a policy would restrict the projections' writes too.
--
-- Needs: a login role that may create roles (or a DBA who created icr_query beforehand and granted it to the login
-- role). The local PostgreSQL, the embedded one and docker-compose all use the superuser postgres.

-- The query role is cluster-wide: many databases (every test class creates one) share it. Create it once; refuse to
-- go on if someone has given it powers that would defeat the policies.
DO $$
DECLARE
    existing pg_roles%ROWTYPE;
BEGIN
    SELECT * INTO existing FROM pg_roles WHERE rolname = 'icr_query';
    IF NOT FOUND THEN
        BEGIN
            CREATE ROLE icr_query NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- another database's migration created it at the same moment
        END;
    ELSIF existing.rolsuper OR existing.rolbypassrls THEN
        RAISE EXCEPTION 'role icr_query exists with SUPERUSER or BYPASSRLS: row-level security would not apply to it';
    END IF;
    -- The login role must be able to SET ROLE icr_query. Grant only if it cannot yet: a superuser always can, and a
    -- role that a DBA already granted it to may lack the right to grant it again. (PostgreSQL 16 separated the right
    -- to SET ROLE from membership; before 16 membership is enough.)
    IF NOT pg_has_role(current_user, 'icr_query',
                       CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'SET' ELSE 'MEMBER' END) THEN
        EXECUTE format('GRANT icr_query TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA read_model TO icr_query;

-- Who is asking, as ReadModelReads set it for this transaction. NULL when unset or empty: policies fail closed.
CREATE FUNCTION read_model.actor_partnership_id() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('icr.partnership_id', true), '') $$;

CREATE FUNCTION read_model.actor_agency_id() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('icr.agency_id', true), '') $$;

-- True only if the realm role is among the comma-separated icr.roles.
CREATE FUNCTION read_model.actor_has_role(wanted text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(wanted = ANY (string_to_array(NULLIF(current_setting('icr.roles', true), ''), ',')), false) $$;

REVOKE ALL ON FUNCTION read_model.actor_partnership_id(), read_model.actor_agency_id(),
    read_model.actor_has_role(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION read_model.actor_partnership_id(), read_model.actor_agency_id(),
    read_model.actor_has_role(text) TO icr_query;

-- The common part of protecting a read-model table (see the convention above).
CREATE FUNCTION read_model.protect_read_model_table(target regclass) RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    table_name text;
    owner_name text;
BEGIN
    SELECT c.relname, pg_get_userbyid(c.relowner) INTO table_name, owner_name FROM pg_class c WHERE c.oid = target;
    IF owner_name = 'icr_query' THEN
        RAISE EXCEPTION 'table % is owned by icr_query: the query role must own nothing', target;
    END IF;
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('GRANT SELECT ON %s TO icr_query', target);
    EXECUTE format('CREATE POLICY %I ON %s AS PERMISSIVE FOR ALL TO %I USING (true) WITH CHECK (true)',
                   table_name || '_projection_writes', target, owner_name);
END
$$;

REVOKE ALL ON FUNCTION read_model.protect_read_model_table(regclass) FROM PUBLIC;

-- referral_summary: an agency sees what it sent (its outbox) and what it received (its inbox), within its own
-- partnership. A safeguarding-restricted referral (an out-of-school-settings concern) is seen on the receiving side
-- only by the safeguarding lead; the referring agency still sees it in its outbox.
SELECT read_model.protect_read_model_table('read_model.referral_summary');

CREATE POLICY referral_summary_actor_reads ON read_model.referral_summary
    AS PERMISSIVE FOR SELECT TO icr_query
    USING (
        partnership_id = read_model.actor_partnership_id()
        AND (
            referring_agency_id = read_model.actor_agency_id()
            OR (
                receiving_agency_id = read_model.actor_agency_id()
                AND (referral_type <> 'OUT_OF_SCHOOL_SETTINGS_CONCERN'
                     OR read_model.actor_has_role('safeguarding_lead'))
            )
        )
    );

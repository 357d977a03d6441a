-- The people of each agency who have signed in to the web UI (ui.Colleagues, written at sign-in, once a session):
-- what a manager assigns a referral to. The identity provider holds the agency's users but the query side may not
-- list them (that takes Keycloak's admin rights); whoever works referrals signs in, so they are here by then. Not
-- rebuilt from events (sign-ins are not events): a replay leaves it alone. Staff names only, nobody's case data.
CREATE TABLE agency_colleagues (
    user_id           VARCHAR(255) PRIMARY KEY,
    partnership_id    VARCHAR(64)  NOT NULL,
    agency_id         VARCHAR(64)  NOT NULL,
    name              VARCHAR(255) NOT NULL,
    roles             VARCHAR(255) NOT NULL,
    last_signed_in_at TIMESTAMPTZ  NOT NULL
);

CREATE INDEX agency_colleagues_by_agency ON agency_colleagues (partnership_id, agency_id, name);

-- Row-level security (the convention of V2): a user sees the colleagues of their own agency only.
SELECT read_model.protect_read_model_table('read_model.agency_colleagues');

CREATE POLICY agency_colleagues_actor_reads ON read_model.agency_colleagues
    AS PERMISSIVE FOR SELECT TO icr_query
    USING (partnership_id = read_model.actor_partnership_id() AND agency_id = read_model.actor_agency_id());

-- The agencies of each partnership by name (directory.AgencyDirectoryProjection, processing group agency-directory),
-- so that pages show "Airedale ESOL Learning Centre" where the read models hold "bradford-esol". An agency that
-- retires keeps its row: the referrals it sent or received still name it. No personal data.
CREATE TABLE agency_directory (
    partnership_id VARCHAR(64)  NOT NULL,
    agency_id      VARCHAR(64)  NOT NULL,
    name           VARCHAR(255) NOT NULL,
    PRIMARY KEY (partnership_id, agency_id)
);

-- Row-level security (the convention of V2): everyone of a partnership reads its own directory, no other.
SELECT read_model.protect_read_model_table('read_model.agency_directory');

CREATE POLICY agency_directory_actor_reads ON read_model.agency_directory
    AS PERMISSIVE FOR SELECT TO icr_query
    USING (partnership_id = read_model.actor_partnership_id());

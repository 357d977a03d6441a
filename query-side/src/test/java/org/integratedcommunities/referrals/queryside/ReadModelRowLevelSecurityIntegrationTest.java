package org.integratedcommunities.referrals.queryside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second enforcement of isolation, in PostgreSQL itself: row-level security on the read-model tables, read as the
 * query role {@code icr_query} with the actor set per transaction.
 *
 * <p>The read model here is owned by an ordinary (non-superuser) login role, as in a production deployment: a
 * superuser skips row-level security altogether, so only such an owner shows that FORCE ROW LEVEL SECURITY and the
 * writer policy do what they should.
 */
class ReadModelRowLevelSecurityIntegrationTest {

    /**
     * Tables in read_model that are not read models: nobody reads them for a user, so they get no row-level security
     * and the query role may not read them at all. Every other table must be protected.
     */
    private static final Set<String> NOT_READ_MODELS = Set.of(
            "token_entry", // Axon's tracking tokens
            "dead_letter_entry", // Axon's dead-letter queue, if the projections have one
            "flyway_schema_history");

    private static final String QUERY_ROLE = ReadModelReads.QUERY_ROLE;
    private static final TestDatabase database = TestDatabase.create("rls");
    private static final String OWNER = database.name() + "_owner";
    private static final String OWNER_PASSWORD = UUID.randomUUID().toString();

    // Two partnerships; agency A is bradford-council. Labels name the rows in assertions.
    private static final Map<String, String[]> ROWS = Map.of(
            // label: partnership, type, referring agency, receiving agency
            "A-to-esol", new String[] {"bradford", "ESOL_PLACEMENT", "bradford-council", "bradford-esol"},
            "esol-to-A", new String[] {"bradford", "EMPLOYMENT_SUPPORT", "bradford-esol", "bradford-council"},
            "A-concern",
                    new String[] {"bradford", "OUT_OF_SCHOOL_SETTINGS_CONCERN", "bradford-council", "bradford-oos"},
            "B-to-esol", new String[] {"bradford", "ESOL_PLACEMENT", "bradford-jobcentre", "bradford-esol"},
            "walsall-internal", new String[] {"walsall", "ESOL_PLACEMENT", "walsall-council", "walsall-esol"},
            "walsall-by-same-id-as-A",
                    new String[] {"walsall", "REFUGEE_POST_GRANT", "bradford-council", "walsall-refugee-charity"});
    private static final Map<String, String> LABELS_BY_ID = new HashMap<>();

    // Cases: label -> partnership, holding agency.
    private static final Map<String, String[]> CASES = Map.of(
            "A-case", new String[] {"bradford", "bradford-council"},
            "esol-case", new String[] {"bradford", "bradford-esol"},
            "walsall-case-by-same-id-as-A", new String[] {"walsall", "bradford-council"});

    @BeforeAll
    static void migrateAsAnOrdinaryOwner() throws SQLException {
        try (Connection admin = database.connect();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + OWNER_PASSWORD + "'");
            statement.execute("GRANT CREATE ON DATABASE " + database.name() + " TO " + OWNER);
            // As a DBA would where the application's login role may not create roles; the migration then creates
            // nothing cluster-wide and grants nothing (the superuser path is what every other test takes).
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + QUERY_ROLE
                    + "') THEN CREATE ROLE " + QUERY_ROLE + " NOLOGIN; END IF; END $$");
            statement.execute("GRANT " + QUERY_ROLE + " TO " + OWNER);
        }
        Flyway.configure()
                .dataSource(database.url(), OWNER, OWNER_PASSWORD)
                .schemas("read_model")
                .defaultSchema("read_model")
                .locations("classpath:db/readmodel")
                .table("flyway_schema_history")
                .load()
                .migrate();

        try (Connection owner = connectAsOwner();
                PreparedStatement insert = owner.prepareStatement(
                        "INSERT INTO read_model.referral_summary"
                                + " (referral_id, referral_type, status, partnership_id, referring_agency_id,"
                                + " receiving_agency_id, raised_at, last_event_sequence) VALUES (?, ?, 'RAISED', ?, ?, ?, ?, 0)")) {
            for (var row : ROWS.entrySet()) {
                UUID id = UUID.randomUUID();
                LABELS_BY_ID.put(id.toString(), row.getKey());
                String[] values = row.getValue();
                insert.setObject(1, id);
                insert.setString(2, values[1]);
                insert.setString(3, values[0]);
                insert.setString(4, values[2]);
                insert.setString(5, values[3]);
                insert.setTimestamp(6, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
        }
        // Two timeline entries for each referral, and two for a referral that has no summary row (yet).
        try (Connection owner = connectAsOwner();
                PreparedStatement insert = owner.prepareStatement(
                        "INSERT INTO read_model.referral_timeline"
                                + " (referral_id, sequence, entry_type, occurred_at, summary) VALUES (?, ?, 'RAISED', now(), 'x')")) {
            List<UUID> ids = new ArrayList<>();
            LABELS_BY_ID.keySet().forEach(id -> ids.add(UUID.fromString(id)));
            ids.add(UUID.randomUUID());
            for (UUID id : ids) {
                for (int sequence = 0; sequence < 2; sequence++) {
                    insert.setObject(1, id);
                    insert.setLong(2, sequence);
                    insert.executeUpdate();
                }
            }
        }
        insertCasesAsTheOwner();
    }

    private static void insertCasesAsTheOwner() throws SQLException {
        try (Connection owner = connectAsOwner();
                PreparedStatement caseRow = owner.prepareStatement("INSERT INTO read_model.case_file (case_id,"
                        + " partnership_id, owning_agency_id, data_subject_id, opened_at, last_event_sequence,"
                        + " last_changed_at) VALUES (?, ?, ?, ?, now(), 0, now())");
                PreparedStatement historyRow = owner.prepareStatement("INSERT INTO read_model.case_file_history"
                        + " (case_id, sequence, entry_type, occurred_at) VALUES (?, 0, 'OPENED', now())")) {
            for (var row : CASES.entrySet()) {
                UUID id = UUID.randomUUID();
                LABELS_BY_ID.put(id.toString(), row.getKey());
                caseRow.setObject(1, id);
                caseRow.setString(2, row.getValue()[0]);
                caseRow.setString(3, row.getValue()[1]);
                caseRow.setObject(4, id);
                caseRow.executeUpdate();
                historyRow.setObject(1, id);
                historyRow.executeUpdate();
            }
        }
    }

    @AfterAll
    static void dropDatabaseAndOwner() throws SQLException {
        try (Connection admin = database.connect();
                Statement statement = admin.createStatement()) {
            statement.execute("DROP OWNED BY " + OWNER);
            statement.execute("DROP ROLE " + OWNER);
        } finally {
            database.close();
        }
    }

    @Test
    void anotherAgencySeesNoneOfAgencyAsRows() throws SQLException {
        assertThat(visibleAs("bradford", "bradford-jobcentre", "agency_worker,agency_manager,caseworker"))
                .containsExactly("B-to-esol");
        assertThat(visibleAs("bradford", "bradford-council", "caseworker"))
                .as("agency A itself: its outbox and inbox, not the other partnership's rows that carry its id")
                .containsExactlyInAnyOrder("A-to-esol", "esol-to-A", "A-concern");
    }

    @Test
    void nothingSetOrEmptySeesNothing() throws SQLException {
        assertThat(visibleAs(null, null, null)).isEmpty();
        assertThat(visibleAs("", "", "")).isEmpty();
        assertThat(visibleAs("bradford", null, "caseworker")).as("no agency").isEmpty();
        assertThat(visibleAs(null, "bradford-council", "caseworker"))
                .as("no partnership")
                .isEmpty();
    }

    @Test
    void theOtherPartnershipSeesNothingOfThisOne() throws SQLException {
        assertThat(visibleAs("walsall", "walsall-council", "caseworker")).containsExactly("walsall-internal");
        assertThat(visibleAs("walsall", "bradford-council", "caseworker"))
                .as("Bradford's agency id claimed in Walsall")
                .containsExactly("walsall-by-same-id-as-A");
        assertThat(visibleAs("walsall", "bradford-esol", "agency_worker")).isEmpty();
    }

    @Test
    void onTheReceivingSideOnlyTheSafeguardingLeadSeesAnOutOfSchoolConcern() throws SQLException {
        assertThat(visibleAs("bradford", "bradford-oos", "agency_worker")).isEmpty();
        assertThat(visibleAs("bradford", "bradford-oos", "agency_manager,caseworker"))
                .isEmpty();
        assertThat(visibleAs("bradford", "bradford-oos", "agency_worker,safeguarding_lead_deputy"))
                .as("roles match whole names only")
                .isEmpty();
        assertThat(visibleAs("bradford", "bradford-oos", "safeguarding_lead")).containsExactly("A-concern");
        assertThat(visibleAs("bradford", "bradford-oos", "agency_worker,safeguarding_lead"))
                .containsExactly("A-concern");
        assertThat(visibleAs("walsall", "bradford-oos", "safeguarding_lead")).isEmpty();
        assertThat(visibleAs("bradford", "bradford-council", "caseworker"))
                .as("the referring agency still sees it in its outbox")
                .contains("A-concern");
    }

    @Test
    void aReferralsTimelineIsVisibleExactlyWhenTheReferralIs() throws SQLException {
        String[][] settings = {
            {"bradford", "bradford-jobcentre", "agency_worker,agency_manager,caseworker"},
            {"bradford", "bradford-council", "caseworker"},
            {"bradford", "bradford-oos", "agency_worker"},
            {"bradford", "bradford-oos", "safeguarding_lead"},
            {"bradford", "bradford-esol", "agency_worker"},
            {"walsall", "walsall-council", "caseworker"},
            {"walsall", "bradford-council", "caseworker"},
            {"walsall", "bradford-esol", "agency_worker"},
            {null, null, null},
            {"", "", ""},
            {"bradford", null, "caseworker"},
            {null, "bradford-council", "caseworker"}
        };
        for (String[] actor : settings) {
            assertThat(visibleAs("referral_timeline", actor[0], actor[1], actor[2]))
                    .as("the timeline rows seen as %s / %s / %s", actor[0], actor[1], actor[2])
                    .isEqualTo(visibleAs(actor[0], actor[1], actor[2]));
        }
        assertThat(visibleAs("referral_timeline", "bradford", "bradford-oos", "safeguarding_lead"))
                .as("not vacuous")
                .containsExactly("A-concern");
    }

    @Test
    void aCaseIsSeenOnlyByItsHoldingAgencysCaseWorkingRolesAndItsHistoryWithIt() throws SQLException {
        assertThat(casesVisibleAs("bradford", "bradford-council", "caseworker")).containsExactly("A-case");
        assertThat(casesVisibleAs("bradford", "bradford-council", "agency_manager"))
                .containsExactly("A-case");
        assertThat(casesVisibleAs("bradford", "bradford-esol", "agency_worker,agency_manager,caseworker"))
                .as("another agency of the partnership")
                .containsExactly("esol-case");
        assertThat(casesVisibleAs("walsall", "bradford-council", "caseworker"))
                .as("A's agency id claimed in the other partnership")
                .containsExactly("walsall-case-by-same-id-as-A");
        assertThat(casesVisibleAs("bradford", "bradford-council", "partnership_coordinator,auditor,admin"))
                .as("roles that do not work with people's cases")
                .isEmpty();
        assertThat(casesVisibleAs(null, null, null)).isEmpty();
        assertThat(casesVisibleAs("", "", "")).isEmpty();
        assertThat(casesVisibleAs("bradford", null, "caseworker")).isEmpty();
        assertThat(casesVisibleAs(null, "bradford-council", "caseworker")).isEmpty();
        String[][] settings = {
            {"bradford", "bradford-council", "caseworker"},
            {"bradford", "bradford-esol", "agency_worker"},
            {"bradford", "bradford-council", "partnership_coordinator"},
            {"walsall", "bradford-council", "caseworker"},
            {null, null, null}
        };
        for (String[] actor : settings) {
            assertThat(visibleAs("case_file_history", "case_id", actor[0], actor[1], actor[2]))
                    .as("the history rows seen as %s / %s / %s", actor[0], actor[1], actor[2])
                    .isEqualTo(casesVisibleAs(actor[0], actor[1], actor[2]));
        }
    }

    @Test
    void theQueryRoleCannotWriteNorReadTheInfrastructureTables() throws SQLException {
        try (Connection connection = connectAsOwner()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL ROLE " + QUERY_ROLE);
                statement.execute("SAVEPOINT probe");
                assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM read_model.referral_summary"))
                        .hasMessageContaining("permission denied");
                statement.execute("ROLLBACK TO SAVEPOINT probe");
                assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM read_model.token_entry"))
                        .hasMessageContaining("permission denied");
            } finally {
                connection.rollback();
            }
        }
    }

    /** The event chain (audit schema, V8) is not a read model: the query role may not even look into its schema. */
    @Test
    void theQueryRoleCannotReadTheEventChain() throws SQLException {
        for (String table : List.of("event_chain_link", "event_chain_head", "event_chain_checkpoint")) {
            try (Connection connection = connectAsOwner()) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL ROLE " + QUERY_ROLE);
                    assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM audit." + table))
                            .as(table)
                            .hasMessageContaining("permission denied");
                } finally {
                    connection.rollback();
                }
            }
        }
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet grants = statement.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid"
                        + " = c.relnamespace WHERE n.nspname = 'audit' AND has_table_privilege('" + QUERY_ROLE
                        + "', c.oid, 'SELECT,INSERT,UPDATE,DELETE')")) {
            grants.next();
            assertThat(grants.getInt(1))
                    .as("tables in audit the query role may touch")
                    .isZero();
        }
    }

    @Test
    void everyReadModelTableHasRowLevelSecurityForcedAndTheQueryRoleNoOtherWayIn() throws SQLException {
        try (Connection connection = database.connect()) {
            assertThat(isolationGaps(connection)).isEmpty();
            assertThat(readModelTables(connection))
                    .as("the check above is not vacuous")
                    .contains("referral_summary");
        }
    }

    @Test
    void theCheckCatchesATableAddedWithoutRowLevelSecurity() throws SQLException {
        try (Connection connection = connectAsOwner()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE read_model.forgotten (agency_id text)");
                statement.execute("GRANT SELECT ON read_model.forgotten TO " + QUERY_ROLE);
                statement.execute("CREATE TABLE read_model.half_done (agency_id text)");
                statement.execute("ALTER TABLE read_model.half_done ENABLE ROW LEVEL SECURITY");
                statement.execute("GRANT SELECT ON read_model.half_done TO " + QUERY_ROLE);
                statement.execute("CREATE VIEW read_model.window_onto AS SELECT * FROM read_model.referral_summary");
                statement.execute("GRANT SELECT ON read_model.window_onto TO " + QUERY_ROLE);
                statement.execute("GRANT SELECT ON read_model.token_entry TO " + QUERY_ROLE);
                assertThat(isolationGaps(connection))
                        .anyMatch(gap -> gap.startsWith("forgotten:"))
                        .anyMatch(gap -> gap.startsWith("half_done:"))
                        .anyMatch(gap -> gap.startsWith("window_onto:"))
                        .anyMatch(gap -> gap.startsWith("token_entry:"));
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void theQueryRoleOwnsNothingAndCannotBypassRowLevelSecurity() throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            ResultSet role = statement.executeQuery("SELECT rolsuper, rolbypassrls, rolcanlogin, rolcreaterole"
                    + " FROM pg_roles WHERE rolname = '" + QUERY_ROLE + "'");
            assertThat(role.next()).isTrue();
            assertThat(role.getBoolean("rolsuper")).isFalse();
            assertThat(role.getBoolean("rolbypassrls")).isFalse();
            assertThat(role.getBoolean("rolcanlogin")).isFalse();
            assertThat(role.getBoolean("rolcreaterole")).isFalse();
            ResultSet owned = statement.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid ="
                    + " c.relnamespace WHERE n.nspname = 'read_model' AND c.relowner = '" + QUERY_ROLE
                    + "'::regrole");
            owned.next();
            assertThat(owned.getInt(1)).isZero();
            ResultSet ownedAnything = statement.executeQuery("SELECT (SELECT count(*) FROM pg_namespace WHERE nspowner"
                    + " = '" + QUERY_ROLE + "'::regrole) + (SELECT count(*) FROM pg_proc WHERE proowner = '"
                    + QUERY_ROLE + "'::regrole)");
            ownedAnything.next();
            assertThat(ownedAnything.getInt(1)).isZero();
            ResultSet owner = statement.executeQuery(
                    "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = '" + OWNER + "'");
            owner.next();
            assertThat(owner.getBoolean(1) || owner.getBoolean(2))
                    .as("this test's owner is an ordinary role, so FORCE applies to it")
                    .isFalse();
        }
    }

    @Test
    void theOwnerWritesThroughForcedRowLevelSecurity() throws SQLException {
        try (Connection owner = connectAsOwner();
                Statement statement = owner.createStatement()) {
            owner.setAutoCommit(false);
            assertThat(statement.executeUpdate("UPDATE read_model.referral_summary SET status = 'ACCEPTED'"))
                    .isEqualTo(ROWS.size());
            ResultSet count = statement.executeQuery("SELECT count(*) FROM read_model.referral_summary");
            count.next();
            assertThat(count.getInt(1)).isEqualTo(ROWS.size());
            owner.rollback();
        }
    }

    /**
     * The settings are transaction-local: on a pool of one connection, a read as agency A leaves nothing behind for
     * the next user of that same connection, whether the read succeeded or failed.
     */
    @Test
    void theActorIsSetPerTransactionAndNothingLeaksThroughThePool() {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(database.url());
            pool.setUsername(OWNER);
            pool.setPassword(OWNER_PASSWORD);
            pool.setMaximumPoolSize(1);
            pool.setMinimumIdle(1);
            ReadModelReads reads = new ReadModelReads(pool);
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            Actor agencyA = new Actor(
                    new UserId(UUID.randomUUID().toString()),
                    new AgencyId("bradford-council"),
                    new PartnershipId("bradford"),
                    EnumSet.of(Role.CASEWORKER, Role.AGENCY_WORKER));

            Map<String, Object> during = reads.read(
                            agencyA,
                            read -> read.jdbc()
                                    .getJdbcTemplate()
                                    .queryForMap("SELECT pg_backend_pid() AS pid, current_user AS role,"
                                            + " current_setting('icr.partnership_id', true) AS partnership,"
                                            + " current_setting('icr.agency_id', true) AS agency,"
                                            + " current_setting('icr.roles', true) AS roles,"
                                            + " current_setting('transaction_read_only') AS read_only,"
                                            + " (SELECT count(*) FROM read_model.referral_summary) AS visible"))
                    .block();
            assertThat(during)
                    .containsEntry("role", QUERY_ROLE)
                    .containsEntry("partnership", "bradford")
                    .containsEntry("agency", "bradford-council")
                    .containsEntry("roles", "agency_worker,caseworker")
                    .containsEntry("read_only", "on")
                    .containsEntry("visible", 3L);
            assertNothingLeftOn(jdbc, pool, (Integer) during.get("pid"));

            assertThatThrownBy(() -> reads.read(agencyA, read -> {
                                read.jdbc().getJdbcTemplate().queryForList("SELECT 1");
                                throw new IllegalStateException("a read that fails half-way");
                            })
                            .block())
                    .hasMessageContaining("half-way");
            assertNothingLeftOn(jdbc, pool, (Integer) during.get("pid"));

            assertThatThrownBy(() -> reads.read(
                                    agencyA,
                                    read -> read.jdbc()
                                            .getJdbcTemplate()
                                            .update("UPDATE read_model.referral_summary SET status = 'CLOSED'"))
                            .block())
                    .as("a read cannot write")
                    .satisfies(e ->
                            assertThat(e.getMessage()).containsAnyOf("read-only transaction", "permission denied"));
            assertNothingLeftOn(jdbc, pool, (Integer) during.get("pid"));
        }
    }

    private static void assertNothingLeftOn(JdbcTemplate jdbc, HikariDataSource pool, int pid) {
        Map<String, Object> after = jdbc.queryForMap("SELECT pg_backend_pid() AS pid, current_user AS role,"
                + " current_setting('icr.partnership_id', true) AS partnership,"
                + " current_setting('icr.agency_id', true) AS agency, current_setting('icr.roles', true) AS roles");
        assertThat(after.get("pid")).as("the same pooled connection").isEqualTo(pid);
        assertThat(after.get("role")).isEqualTo(OWNER);
        assertThat((String) after.get("partnership")).isNullOrEmpty();
        assertThat((String) after.get("agency")).isNullOrEmpty();
        assertThat((String) after.get("roles")).isNullOrEmpty();
        Long visibleWithoutSettings = new TransactionTemplate(new DataSourceTransactionManager(pool))
                .execute(status -> {
                    jdbc.execute("SET LOCAL ROLE " + QUERY_ROLE);
                    assertThat(jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class))
                            .isEqualTo(pid);
                    return jdbc.queryForObject("SELECT count(*) FROM read_model.referral_summary", Long.class);
                });
        assertThat(visibleWithoutSettings)
                .as("the query role on the same connection, nothing set")
                .isZero();
    }

    /** The row labels the query role sees with these settings; {@code null} leaves a setting unset. */
    private static Set<String> visibleAs(String partnership, String agency, String roles) throws SQLException {
        return visibleAs("referral_summary", partnership, agency, roles);
    }

    /** The labels of the referrals whose rows in the table the query role sees with these settings. */
    private static Set<String> visibleAs(String table, String partnership, String agency, String roles)
            throws SQLException {
        return visibleAs(table, "referral_id", partnership, agency, roles);
    }

    private static Set<String> casesVisibleAs(String partnership, String agency, String roles) throws SQLException {
        return visibleAs("case_file", "case_id", partnership, agency, roles);
    }

    /** The labels of the ids in the table's column that the query role sees with these settings. */
    private static Set<String> visibleAs(String table, String idColumn, String partnership, String agency, String roles)
            throws SQLException {
        try (Connection connection = connectAsOwner()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL ROLE " + QUERY_ROLE);
                set(connection, "icr.partnership_id", partnership);
                set(connection, "icr.agency_id", agency);
                set(connection, "icr.roles", roles);
                Set<String> labels = new TreeSet<>();
                ResultSet rows = statement.executeQuery("SELECT " + idColumn + " FROM read_model." + table);
                while (rows.next()) {
                    labels.add(LABELS_BY_ID.getOrDefault(rows.getString(1), "no-such-row"));
                }
                return labels;
            } finally {
                connection.rollback();
            }
        }
    }

    private static void set(Connection connection, String name, String value) throws SQLException {
        if (value == null) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
            statement.setString(1, name);
            statement.setString(2, value);
            statement.executeQuery().close();
        }
    }

    /**
     * What could let the query role past row-level security in read_model: a table it may read without RLS enabled
     * and forced or without its two policies, an infrastructure table it may read at all, a view that does not run
     * as the invoker, a materialized view or foreign table it may read.
     */
    private static List<String> isolationGaps(Connection connection) throws SQLException {
        List<String> gaps = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet relations = statement.executeQuery("SELECT c.relname, c.relkind::text, c.relrowsecurity,"
                        + " c.relforcerowsecurity, has_table_privilege('" + QUERY_ROLE
                        + "', c.oid, 'SELECT') AS readable,"
                        + " coalesce('security_invoker=true' = ANY (c.reloptions), false) AS invoker,"
                        + " EXISTS (SELECT FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename ="
                        + " c.relname AND p.cmd IN ('SELECT', 'ALL') AND '" + QUERY_ROLE + "' = ANY (p.roles))"
                        + " AS reader_policy,"
                        + " EXISTS (SELECT FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename ="
                        + " c.relname AND p.cmd = 'ALL' AND pg_get_userbyid(c.relowner) = ANY (p.roles))"
                        + " AS writer_policy"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = 'read_model' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')")) {
            while (relations.next()) {
                String name = relations.getString("relname");
                String kind = relations.getString("relkind");
                boolean readable = relations.getBoolean("readable");
                if (NOT_READ_MODELS.contains(name)) {
                    if (readable) {
                        gaps.add(name + ": not a read model, yet the query role may read it");
                    }
                } else if (kind.equals("v")) {
                    if (readable && !relations.getBoolean("invoker")) {
                        gaps.add(name + ": a view the query role may read that runs as its owner"
                                + " (needs security_invoker=true)");
                    }
                } else if (kind.equals("m") || kind.equals("f")) {
                    if (readable) {
                        gaps.add(name + ": the query role may read it, and it cannot have row-level security");
                    }
                } else {
                    if (!relations.getBoolean("relrowsecurity") || !relations.getBoolean("relforcerowsecurity")) {
                        gaps.add(name + ": row-level security not enabled and forced");
                    }
                    if (!relations.getBoolean("reader_policy")) {
                        gaps.add(name + ": no policy for " + QUERY_ROLE);
                    }
                    if (!relations.getBoolean("writer_policy")) {
                        gaps.add(name + ": no policy for its owner, the projections' writer");
                    }
                }
            }
        }
        return gaps;
    }

    private static Set<String> readModelTables(Connection connection) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'read_model'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static Connection connectAsOwner() throws SQLException {
        return DriverManager.getConnection(database.url(), OWNER, OWNER_PASSWORD);
    }
}

package org.integratedcommunities.referrals.commandside.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.integratedcommunities.referrals.commandside.web.CommandDispatcher;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.ConsentDetails;
import org.integratedcommunities.referrals.kernel.casefile.ConsentGivenBy;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.OpenCaseCommand;
import org.integratedcommunities.referrals.kernel.casefile.PersonDetails;
import org.integratedcommunities.referrals.kernel.casefile.RecordLawfulBasisCommand;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.RaiseReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The event store on the real PostgreSQL: schema owned by Flyway, JSON payloads in bytea, actor in metadata. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class EventStoreIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("eventstore");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Autowired
    CommandDispatcher commands;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void raisedReferralIsStoredAsJsonInByteaWithTheActorInItsMetadata() throws Exception {
        Actor caseworker = new Actor(
                new UserId("3d2a7c1e-0000-4000-8000-000000000001"),
                new AgencyId("bradford-council-integration"),
                new PartnershipId("bradford"),
                EnumSet.of(Role.CASEWORKER));
        CaseId caseId = new CaseId(UUID.randomUUID());
        ReferralId referralId = new ReferralId(UUID.randomUUID());
        commands.send(
                        new OpenCaseCommand(
                                caseId,
                                new PersonDetails(
                                        "Test Person", LocalDate.of(1990, 1, 1), null, null, null, "Dari", true, null)),
                        caseworker)
                .block();
        commands.send(
                        new RecordLawfulBasisCommand(
                                caseId,
                                null,
                                LawfulBasis.CONSENT,
                                new ConsentDetails(
                                        ConsentGivenBy.DATA_SUBJECT,
                                        LocalDate.of(2026, 11, 1),
                                        Set.of(ReferralType.ESOL_PLACEMENT),
                                        Set.of())),
                        caseworker)
                .block();
        commands.send(
                        new RaiseReferralCommand(
                                referralId,
                                ReferralType.ESOL_PLACEMENT,
                                caseId,
                                new AgencyId("bradford-esol"),
                                new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false),
                                new ReferralParticulars.EsolPlacement("Evenings", null),
                                null),
                        caseworker)
                .block();

        try (Connection connection = database.connect();
                ResultSet row = connection
                        .createStatement()
                        .executeQuery("SELECT payload, meta_data, payload_type, payload_revision, sequence_number"
                                + " FROM event_store.domain_event_entry WHERE aggregate_identifier = '" + referralId
                                + "'")) {
            assertThat(row.next()).as("the event is stored").isTrue();
            JsonNode payload = json.readTree(row.getBytes("payload"));
            assertThat(payload.get("referralId").asText()).isEqualTo(referralId.toString());
            assertThat(payload.get("type").asText()).isEqualTo("ESOL_PLACEMENT");
            assertThat(payload.get("receivingAgencyId").asText()).isEqualTo("bradford-esol");
            assertThat(payload.get("lawfulBasis").asText()).isEqualTo("CONSENT");
            assertThat(payload.get("particulars").get("ciphertext").asText()).doesNotContain("Evenings");
            JsonNode metaData = json.readTree(row.getBytes("meta_data"));
            assertThat(metaData.get("userId").asText())
                    .isEqualTo(caseworker.userId().value());
            assertThat(metaData.get("agencyId").asText()).isEqualTo("bradford-council-integration");
            assertThat(metaData.get("partnershipId").asText()).isEqualTo("bradford");
            assertThat(metaData.get("roles").asText()).isEqualTo("caseworker");
            assertThat(metaData.has("correlationId")).isTrue();
            assertThat(row.getString("payload_type"))
                    .isEqualTo("org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent");
            assertThat(row.getString("payload_revision")).isEqualTo("1");
            assertThat(row.getLong("sequence_number")).isZero();
            assertThat(row.next()).isFalse();
        }
    }

    @Test
    void flywayOwnsEveryTableAndPayloadsAreByteaNeverLargeObjects() throws Exception {
        try (Connection connection = database.connect()) {
            assertThat(strings(
                            connection,
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'event_store'"
                                    + " ORDER BY table_name"))
                    .containsExactly(
                            "agency_register",
                            "case_register",
                            "data_subject_key",
                            "directory_register",
                            "domain_event_entry",
                            "flyway_schema_history",
                            "idempotent_command",
                            "referral_register",
                            "scheduled_tasks",
                            "service_level_register",
                            "snapshot_event_entry",
                            "token_entry");
            assertThat(strings(
                            connection,
                            "SELECT table_name FROM information_schema.tables"
                                    + " WHERE table_schema NOT IN ('event_store', 'pg_catalog', 'information_schema')"))
                    .as("nothing created outside the event store schema")
                    .isEmpty();
            assertThat(strings(
                            connection,
                            "SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns"
                                    + " WHERE table_schema = 'event_store' AND column_name IN ('payload', 'meta_data', 'token')"
                                    + " ORDER BY 1"))
                    .containsExactly(
                            "domain_event_entry.meta_data:bytea",
                            "domain_event_entry.payload:bytea",
                            "snapshot_event_entry.meta_data:bytea",
                            "snapshot_event_entry.payload:bytea",
                            "token_entry.token:bytea");
            assertThat(strings(
                            connection,
                            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'event_store'"
                                    + " AND data_type = 'oid'"))
                    .isEmpty();
            assertThat(strings(connection, "SELECT count(*)::text FROM pg_largeobject_metadata"))
                    .containsExactly("0");
        }
    }

    private static List<String> strings(Connection connection, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}

package org.integratedcommunities.referrals.commandside.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.BRADFORD;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.WALSALL;
import static org.integratedcommunities.referrals.kernel.referral.ReferralType.EMPLOYMENT_SUPPORT;
import static org.integratedcommunities.referrals.kernel.referral.ReferralType.ESOL_PLACEMENT;
import static org.integratedcommunities.referrals.kernel.referral.ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN;
import static org.integratedcommunities.referrals.kernel.referral.ReferralType.REFUGEE_POST_GRANT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.integratedcommunities.referrals.commandside.sla.ServiceLevels;
import org.integratedcommunities.referrals.commandside.web.CommandDispatcher;
import org.integratedcommunities.referrals.kernel.directory.AgencyRegisteredEvent;
import org.integratedcommunities.referrals.kernel.directory.PartnershipRegisteredEvent;
import org.integratedcommunities.referrals.kernel.directory.RetireAgencyCommand;
import org.integratedcommunities.referrals.kernel.directory.SetAcknowledgementServiceLevelCommand;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.testsupport.ActorClients;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The partnership directory on the real PostgreSQL: started from the seed before the application is ready, its
 * register backing {@link PartnershipDirectory} and the acknowledgement service levels (over configuration), and the
 * admin's API.
 */
@SpringBootTest(
        properties = "icr.sla.acknowledgement-working-days.bradford.ESOL_PLACEMENT=3",
        webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class DirectoryIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("directory");

    private static final Actor BRADFORD_ADMIN = new Actor(
            new UserId("bradford-admin-subject"),
            new AgencyId("bradford-council-integration"),
            BRADFORD,
            Set.of(Role.ADMIN));

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
    PartnershipDirectory directory;

    @Autowired
    ServiceLevels serviceLevels;

    @Autowired
    CommandDispatcher commands;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    ReadinessWatch readiness;

    private final ObjectMapper json = new ObjectMapper();

    /** How many agencies the register held when the application declared itself ready for traffic. */
    @TestConfiguration
    static class ReadinessWatch implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

        final AtomicInteger agenciesWhenReady = new AtomicInteger(-1);
        private final JdbcTemplate jdbc;

        ReadinessWatch(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
            if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
                agenciesWhenReady.compareAndSet(
                        -1, jdbc.queryForObject("SELECT count(*) FROM agency_register", Integer.class));
            }
        }
    }

    @Test
    void theSeedIsRegisteredAsTheSystemActorBeforeTheApplicationIsReady() throws Exception {
        assertThat(readiness.agenciesWhenReady.get())
                .as("every seed agency registered before readiness")
                .isEqualTo(10);
        assertThat(jdbc.queryForList("SELECT partnership_id FROM directory_register ORDER BY 1", String.class))
                .containsExactly("bradford", "walsall");

        // Other tests here add to Bradford's directory: the seed's events are the first six, and the only ones the
        // system actor sent.
        List<StoredEvent> seeded = events("bradford").stream()
                .filter(event -> event.metaData().get("userId").asText().equals(DirectoryBootstrap.SYSTEM_USER))
                .toList();
        assertThat(seeded).hasSize(6);
        assertThat(events("bradford").subList(0, 6)).isEqualTo(seeded);
        assertThat(seeded.stream().map(StoredEvent::type))
                .containsExactly(
                        PartnershipRegisteredEvent.class.getName(),
                        AgencyRegisteredEvent.class.getName(),
                        AgencyRegisteredEvent.class.getName(),
                        AgencyRegisteredEvent.class.getName(),
                        AgencyRegisteredEvent.class.getName(),
                        AgencyRegisteredEvent.class.getName());
        assertThat(seeded.get(0).payload().get("name").asText()).isEqualTo("Bradford Local Integration Partnership");
        assertThat(seeded.get(2).payload().get("agencyId").asText()).isEqualTo("bradford-jobcentre");
        assertThat(seeded.get(2).payload().get("servicesOffered").toString()).isEqualTo("[\"EMPLOYMENT_SUPPORT\"]");
        for (StoredEvent event : seeded) {
            assertThat(event.metaData().get("agencyId").asText()).isEqualTo("bradford-council-integration");
            assertThat(event.metaData().get("partnershipId").asText()).isEqualTo("bradford");
            assertThat(event.metaData().get("roles").asText()).isEqualTo("admin");
        }
    }

    @Test
    void theRegisterBacksIsAgencyOf() {
        AgencyId esol = new AgencyId("bradford-esol");
        assertThat(directory.isAgencyOf(BRADFORD, esol)).isTrue();
        assertThat(directory.isAgencyOf(WALSALL, esol))
                .as("another partnership's agency")
                .isFalse();
        assertThat(directory.isAgencyOf(BRADFORD, new AgencyId("bradford-nobody")))
                .isFalse();
        assertThat(directory.offers(BRADFORD, esol, ESOL_PLACEMENT)).isTrue();
        assertThat(directory.offers(BRADFORD, esol, EMPLOYMENT_SUPPORT)).isFalse();
        assertThat(directory.offers(WALSALL, new AgencyId("walsall-oos-safeguarding"), OUT_OF_SCHOOL_SETTINGS_CONCERN))
                .isTrue();
        assertThat(directory.partnershipOf(new AgencyId("walsall-jobcentre"))).contains(WALSALL);

        AgencyId refugeeCharity = new AgencyId("walsall-refugee-charity");
        Actor walsallAdmin = new Actor(
                new UserId("walsall-admin-subject"),
                new AgencyId("walsall-council-integration"),
                WALSALL,
                Set.of(Role.ADMIN));
        commands.send(new RetireAgencyCommand(WALSALL, refugeeCharity), walsallAdmin)
                .block();
        assertThat(directory.isAgencyOf(WALSALL, refugeeCharity))
                .as("a retired agency takes no referrals")
                .isFalse();
        assertThat(directory.partnershipOf(refugeeCharity))
                .as("its id stays taken")
                .contains(WALSALL);
    }

    @Test
    void theDirectorysServiceLevelWinsOverConfiguration() {
        assertThat(serviceLevels.acknowledgementWorkingDays(BRADFORD, ESOL_PLACEMENT))
                .as("configured")
                .isEqualTo(3);
        commands.send(new SetAcknowledgementServiceLevelCommand(BRADFORD, ESOL_PLACEMENT, 7), BRADFORD_ADMIN)
                .block();
        assertThat(serviceLevels.acknowledgementWorkingDays(BRADFORD, ESOL_PLACEMENT))
                .as("the directory's")
                .isEqualTo(7);
        assertThat(serviceLevels.acknowledgementWorkingDays(WALSALL, ESOL_PLACEMENT))
                .as("the default elsewhere")
                .isEqualTo(10);
        assertThat(serviceLevels.acknowledgementWorkingDays(BRADFORD, EMPLOYMENT_SUPPORT))
                .as("the default for other types")
                .isEqualTo(5);
    }

    @Test
    void anAdminKeepsTheirPartnershipsDirectoryThroughTheApi() {
        WebTestClient admin = client(BRADFORD_ADMIN);
        admin.post()
                .uri("/api/directory/agencies")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "agencyId", "bradford-library-conversation-club",
                        "name", "Bradford Libraries Conversation Club",
                        "servicesOffered", List.of("ESOL_PLACEMENT")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.agencyId")
                .isEqualTo("bradford-library-conversation-club");
        AgencyId club = new AgencyId("bradford-library-conversation-club");
        assertThat(directory.offers(BRADFORD, club, ESOL_PLACEMENT)).isTrue();

        admin.post()
                .uri("/api/directory/agencies")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("agencyId", "bradford-esol", "name", "Again", "servicesOffered", List.of()))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("This agency is already registered")
                .jsonPath("$.errors[0].field")
                .isEqualTo("agencyId");
        admin.post()
                .uri("/api/directory/agencies")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("agencyId", "walsall-library", "name", "Elsewhere", "servicesOffered", List.of()))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("An agency id of this partnership starts with \"bradford-\"");
        admin.post()
                .uri("/api/directory/agencies")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("agencyId", "bradford-nameless"))
                .exchange()
                .expectStatus()
                .isBadRequest();

        admin.put()
                .uri("/api/directory/agencies/bradford-library-conversation-club/services")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("servicesOffered", List.of("ESOL_PLACEMENT", "EMPLOYMENT_SUPPORT")))
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(directory.offers(BRADFORD, club, EMPLOYMENT_SUPPORT)).isTrue();
        admin.put()
                .uri("/api/directory/agencies/walsall-esol/services")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("servicesOffered", List.of()))
                .exchange()
                .expectStatus()
                .isNotFound();

        admin.put()
                .uri("/api/directory/service-levels/REFUGEE_POST_GRANT")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("workingDays", 2))
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(serviceLevels.acknowledgementWorkingDays(BRADFORD, REFUGEE_POST_GRANT))
                .isEqualTo(2);
        admin.put()
                .uri("/api/directory/service-levels/REFUGEE_POST_GRANT")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("workingDays", 51))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("workingDays");
        admin.put()
                .uri("/api/directory/service-levels/HAIRDRESSING")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("workingDays", 2))
                .exchange()
                .expectStatus()
                .isNotFound();

        admin.post()
                .uri("/api/directory/agencies/bradford-library-conversation-club/retirement")
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(directory.isAgencyOf(BRADFORD, club)).isFalse();
        admin.post()
                .uri("/api/directory/agencies/bradford-library-conversation-club/retirement")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.currentState")
                .isEqualTo("RETIRED");
    }

    @Test
    void onlyAdminsUseTheDirectoryApi() {
        Actor manager = new Actor(
                new UserId("bradford-manager-subject"),
                new AgencyId("bradford-council-integration"),
                BRADFORD,
                Set.of(Role.AGENCY_MANAGER));
        client(manager)
                .put()
                .uri("/api/directory/service-levels/ESOL_PLACEMENT")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("workingDays", 2))
                .exchange()
                .expectStatus()
                .isForbidden();
        client(manager)
                .post()
                .uri("/api/directory/agencies")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("agencyId", "bradford-sneaky", "name", "Sneaky", "servicesOffered", List.of()))
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(directory.partnershipOf(new AgencyId("bradford-sneaky"))).isEmpty();
    }

    /** A client whose requests carry the actor as a verified token would, without Keycloak. */
    private WebTestClient client(Actor actor) {
        return ActorClients.webTestClient(context, actor);
    }

    record StoredEvent(String type, JsonNode payload, JsonNode metaData) {}

    private List<StoredEvent> events(String aggregateId) throws Exception {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT payload_type, payload, meta_data FROM event_store.domain_event_entry"
                                + " WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            query.setString(1, aggregateId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    events.add(new StoredEvent(
                            row.getString(1), json.readTree(row.getBytes(2)), json.readTree(row.getBytes(3))));
                }
            }
        }
        return events;
    }
}

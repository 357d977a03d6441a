package org.integratedcommunities.referrals.queryside.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.ImmigrationStatus;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.PersonDetails;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.testsupport.ActorClients;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every read of personal data leaves an entry in the access log before the data is shown: a case, a page of cases, a
 * referral. The partnership's auditors search it; nobody else, and no other partnership's auditor, sees it. A read the
 * log cannot record shows nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class AccessLogIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("access_log");
    private static final PartnershipId BRADFORD = new PartnershipId("bradford");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        QuerySideTestSupport.useDatabase(database, registry);
    }

    @AfterAll
    static void dropDatabase(@Autowired EventProcessingConfiguration processing) {
        QuerySideTestSupport.stopProcessorsAndDrop(processing, database);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    EventStore eventStore;

    @Autowired
    PersonalDataVault vault;

    @Autowired
    JdbcTemplate jdbc;

    private final Actor caseworker =
            QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.CASEWORKER);
    private final Actor esolWorker = QuerySideTestSupport.actor("bradford", "bradford-esol", Role.AGENCY_WORKER);
    private final Actor auditor = QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.AUDITOR);
    private final Actor walsallAuditor =
            QuerySideTestSupport.actor("walsall", "walsall-council-integration", Role.AUDITOR);

    @Test
    void readingACaseAPageOfCasesAndAReferralIsLoggedWithWhoWhatWhenAndWhy() {
        CaseId caseId = openCase("Farida Rahimi");
        ReferralId referralId = raiseReferral(caseId);
        awaitReadable(caseworker, "/api/cases/" + caseId);
        awaitReadable(esolWorker, "/api/referrals/" + referralId);
        long before = accessEvents();

        get(caseworker, "/api/cases/" + caseId).expectStatus().isOk();
        get(caseworker, "/api/cases").expectStatus().isOk();
        String entityTag = get(esolWorker, "/api/referrals/" + referralId)
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getETag();
        assertThat(accessEvents()).as("one entry per read, in the event store").isEqualTo(before + 3);

        // Nothing opened, nothing logged.
        ActorClients.webTestClient(context, esolWorker)
                .get()
                .uri("/api/referrals/" + referralId)
                .header(HttpHeaders.IF_NONE_MATCH, entityTag)
                .exchange()
                .expectStatus()
                .isNotModified();
        assertThat(accessEvents()).isEqualTo(before + 3);

        JsonNode byCase = awaitEntries(auditor, "/api/audit/access-log?recordId=" + caseId, 2);
        List<String> kinds = new ArrayList<>();
        byCase.path("items").forEach(entry -> kinds.add(entry.path("record").asText()));
        assertThat(kinds).contains("CASE", "CASE_LIST");
        JsonNode caseEntry = first(byCase, "CASE");
        assertThat(caseEntry.path("userId").asText())
                .isEqualTo(caseworker.userId().value());
        assertThat(caseEntry.path("agencyId").asText()).isEqualTo("bradford-council-integration");
        assertThat(caseEntry.path("purpose").asText()).isEqualTo("HOLDS_THE_CASE");
        assertThat(caseEntry.path("roles").get(0).asText()).isEqualTo("caseworker");
        assertThat(caseEntry.path("accessedAt").asText()).isNotBlank();
        assertThat(byCase.toString()).as("the log names records, never people").doesNotContain("Farida");

        JsonNode byReferral = awaitEntries(auditor, "/api/audit/access-log?recordId=" + referralId, 1);
        JsonNode referralEntry = first(byReferral, "REFERRAL");
        assertThat(referralEntry.path("agencyId").asText()).isEqualTo("bradford-esol");
        assertThat(referralEntry.path("purpose").asText()).isEqualTo("RECEIVED_THE_REFERRAL");
        JsonNode byUser = awaitEntries(
                auditor, "/api/audit/access-log?user=" + esolWorker.userId().value(), 1);
        assertThat(byUser.path("items")).hasSize(1);

        JsonNode walsall =
                body(get(walsallAuditor, "/api/audit/access-log").expectStatus().isOk());
        assertThat(walsall.toString()).doesNotContain(caseId.toString()).doesNotContain(referralId.toString());
        for (Actor notAnAuditor : List.of(caseworker, esolWorker)) {
            JsonNode problem = body(
                    get(notAnAuditor, "/api/audit/access-log").expectStatus().isForbidden());
            assertThat(problem.path("status").asInt()).isEqualTo(403);
        }
        JsonNode problem = body(get(auditor, "/api/audit/access-log?from=yesterday&size=0")
                .expectStatus()
                .isBadRequest());
        assertThat(problem.path("errors").toString()).contains("from").contains("size");
    }

    @Test
    void openingACaseInEveryRoleThatMayLeavesAnEntry() {
        CaseId caseId = openCase("Omar Haidari");
        awaitReadable(caseworker, "/api/cases/" + caseId);
        for (Role role : List.of(Role.CASEWORKER, Role.AGENCY_WORKER, Role.AGENCY_MANAGER, Role.SAFEGUARDING_LEAD)) {
            Actor reader = QuerySideTestSupport.actor("bradford", "bradford-council-integration", role);
            get(reader, "/api/cases/" + caseId).expectStatus().isOk();
            JsonNode entries = awaitEntries(
                    auditor, "/api/audit/access-log?user=" + reader.userId().value(), 1);
            assertThat(entries.path("items").get(0).path("record").asText()).isEqualTo("CASE");
            assertThat(entries.path("items").get(0).path("recordIds").get(0).asText())
                    .isEqualTo(caseId.toString());
            assertThat(entries.path("items").get(0).path("roles").get(0).asText())
                    .isEqualTo(role.realmRole());
        }
    }

    @Test
    void aReadTheLogCannotRecordShowsNothing() {
        CaseId caseId = openCase("Yusuf Demir");
        awaitReadable(caseworker, "/api/cases/" + caseId);
        jdbc.execute("ALTER TABLE event_store.domain_event_entry ADD CONSTRAINT refuse_access_log CHECK"
                + " (payload_type NOT LIKE '%PersonalDataAccessedEvent') NOT VALID");
        try {
            String body = get(caseworker, "/api/cases/" + caseId)
                    .expectStatus()
                    .is5xxServerError()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(body).doesNotContain("Yusuf").doesNotContain("domain_event_entry");
            String list = get(caseworker, "/api/cases")
                    .expectStatus()
                    .is5xxServerError()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(list).doesNotContain("Yusuf");
        } finally {
            jdbc.execute("ALTER TABLE event_store.domain_event_entry DROP CONSTRAINT refuse_access_log");
        }
        get(caseworker, "/api/cases/" + caseId).expectStatus().isOk();
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private CaseId openCase(String fullName) {
        CaseId caseId = new CaseId(UUID.randomUUID());
        DataSubjectId subject = new DataSubjectId(caseId.value());
        PersonDetails person = new PersonDetails(
                fullName,
                LocalDate.of(1985, 6, 12),
                null,
                null,
                null,
                "Turkish",
                false,
                ImmigrationStatus.REFUGEE_STATUS);
        eventStore.publish(new GenericDomainEventMessage<>(
                "Case",
                caseId.toString(),
                0,
                new CaseOpenedEvent(
                        caseId, BRADFORD, caseworker.agencyId(), subject, vault.sealJson(subject, person), now()),
                QuerySideTestSupport.metaData(caseworker)));
        return caseId;
    }

    private ReferralId raiseReferral(CaseId caseId) {
        ReferralId referralId = new ReferralId(UUID.randomUUID());
        DataSubjectId subject = new DataSubjectId(caseId.value());
        eventStore.publish(new GenericDomainEventMessage<>(
                "Referral",
                referralId.toString(),
                0,
                new ReferralRaisedEvent(
                        referralId,
                        ReferralType.ESOL_PLACEMENT,
                        BRADFORD,
                        caseworker.agencyId(),
                        new AgencyId("bradford-esol"),
                        caseId,
                        subject,
                        LawfulBasis.CONSENT,
                        new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false),
                        vault.sealJson(subject, new ReferralParticulars.EsolPlacement("Evenings", "Prefers online")),
                        null,
                        now(),
                        null,
                        now().plus(Duration.ofDays(14))),
                QuerySideTestSupport.metaData(caseworker)));
        return referralId;
    }

    /** Waits until the projections show the record to the reader (without opening it: a 304-free HEAD is not needed). */
    private void awaitReadable(Actor reader, String path) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ActorClients.webTestClient(context, reader)
                                .get()
                                .uri(path)
                                .header(HttpHeaders.IF_NONE_MATCH, "*")
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 304);
    }

    private JsonNode awaitEntries(Actor reader, String path, int atLeast) {
        JsonNode[] page = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    page[0] = body(get(reader, path).expectStatus().isOk());
                    return page[0].path("items").size() >= atLeast;
                });
        return page[0];
    }

    private static JsonNode first(JsonNode page, String record) {
        for (JsonNode entry : page.path("items")) {
            if (entry.path("record").asText().equals(record)) {
                return entry;
            }
        }
        throw new AssertionError("no " + record + " entry in " + page);
    }

    private long accessEvents() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM event_store.domain_event_entry WHERE payload_type LIKE"
                        + " '%PersonalDataAccessedEvent'",
                Long.class);
    }

    private WebTestClient.ResponseSpec get(Actor actor, String path) {
        return ActorClients.webTestClient(context, actor).get().uri(path).exchange();
    }

    private static JsonNode body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

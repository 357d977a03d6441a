package org.integratedcommunities.referrals.queryside.casefile;

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
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.casefile.CaseErasedEvent;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.ConsentGivenBy;
import org.integratedcommunities.referrals.kernel.casefile.ConsentWithdrawnEvent;
import org.integratedcommunities.referrals.kernel.casefile.ImmigrationStatus;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasisRecordedEvent;
import org.integratedcommunities.referrals.kernel.casefile.PersonDetails;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The case view from the case events to the API: the holding agency's list with each person's name opened, one case in
 * full with its history and its ETag, its referrals through {@code GET /api/referrals?caseId=}, erasure, redelivery,
 * and that nobody but the holding agency's case-working roles sees a case.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class CaseFileIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("case_files");
    private static final PartnershipId BRADFORD = new PartnershipId("bradford");
    private static final PartnershipId WALSALL = new PartnershipId("walsall");

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

    @Autowired
    CaseFileProjection projection;

    private final Actor caseworker =
            QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.CASEWORKER);
    private final Actor manager =
            QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.AGENCY_MANAGER);
    private final Actor esolWorker = QuerySideTestSupport.actor("bradford", "bradford-esol", Role.AGENCY_WORKER);
    private final Actor coordinator =
            QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.PARTNERSHIP_COORDINATOR);
    private final Actor auditor = QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.AUDITOR);
    private final Actor walsallCaseworker =
            QuerySideTestSupport.actor("walsall", "walsall-council-integration", Role.CASEWORKER);

    @Test
    void theHoldingAgencySeesTheCaseWithItsPersonOpenedItsLawfulBasesAndItsHistory() {
        CaseId caseId = new CaseId(UUID.randomUUID());
        List<Object> events = List.of(
                opened(caseId, caseworker, "Amina Haddad"),
                consent(caseId, Set.of(ReferralType.ESOL_PLACEMENT), Set.of("bradford-esol")),
                new LawfulBasisRecordedEvent(caseId, BRADFORD, LawfulBasis.PUBLIC_TASK, null, null, null, null, now()));
        append(caseId, caseworker, events);
        awaitVersion(caseId, 2);

        JsonNode page = get(caseworker, "/api/cases")
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        JsonNode item = itemFor(page, caseId);
        assertThat(item.path("person").path("state").asText()).isEqualTo("OPENED");
        assertThat(item.path("person").path("fullName").asText()).isEqualTo("Amina Haddad");
        assertThat(item.path("person").path("dateOfBirth").asText()).isEqualTo("1990-04-01");
        assertThat(item.path("person").has("phone"))
                .as("the list shows only name and date of birth")
                .isFalse();
        assertThat(item.path("caseFile").path("owningAgencyId").asText()).isEqualTo("bradford-council-integration");
        assertThat(texts(item.path("caseFile").path("lawfulBases"))).containsExactly("CONSENT", "PUBLIC_TASK");

        JsonNode detail = get(caseworker, "/api/cases/" + caseId)
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"2\"")
                .expectHeader()
                .value(HttpHeaders.CACHE_CONTROL, cache -> assertThat(cache).contains("no-store"))
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(detail.path("person").path("details").path("fullName").asText())
                .isEqualTo("Amina Haddad");
        assertThat(detail.path("person")
                        .path("details")
                        .path("preferredLanguage")
                        .asText())
                .isEqualTo("Arabic");
        assertThat(detail.path("person")
                        .path("details")
                        .path("interpreterNeeded")
                        .asBoolean())
                .isTrue();
        JsonNode consent = detail.path("caseFile").path("consent");
        assertThat(consent.path("inForce").asBoolean()).isTrue();
        assertThat(consent.path("givenBy").asText()).isEqualTo("DATA_SUBJECT");
        assertThat(consent.path("givenOn").asText()).isEqualTo("2026-11-02");
        assertThat(texts(consent.path("purposes"))).containsExactly("ESOL_PLACEMENT");
        assertThat(texts(consent.path("agencies"))).containsExactly("bradford-esol");
        JsonNode history = detail.path("history");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("type").asText()).isEqualTo("OPENED");
        assertThat(history.get(0).path("actor").path("userId").asText())
                .isEqualTo(caseworker.userId().value());
        assertThat(history.get(0).path("actor").path("roles").get(0).asText()).isEqualTo("caseworker");
        assertThat(history.get(1).path("type").asText()).isEqualTo("LAWFUL_BASIS_RECORDED");
        assertThat(history.get(1).path("details").path("basis").asText()).isEqualTo("CONSENT");
        assertThat(texts(history.get(1).path("details").path("consentPurposes")))
                .containsExactly("ESOL_PLACEMENT");
        assertThat(history.get(2).path("details").path("basis").asText()).isEqualTo("PUBLIC_TASK");

        ActorClients.webTestClient(context, caseworker)
                .get()
                .uri("/api/cases/" + caseId)
                .header(HttpHeaders.IF_NONE_MATCH, "\"2\"")
                .exchange()
                .expectStatus()
                .isNotModified();
        // The manager of the same agency works with cases too.
        get(manager, "/api/cases/" + caseId).expectStatus().isOk();
    }

    @Test
    void withdrawingConsentLeavesTheOtherBasesAndErasureShowsThePersonAsErased() {
        CaseId caseId = new CaseId(UUID.randomUUID());
        append(
                caseId,
                caseworker,
                List.of(
                        opened(caseId, caseworker, "Tomasz Nowak"),
                        consent(caseId, Set.of(ReferralType.EMPLOYMENT_SUPPORT), Set.of("bradford-jobcentre")),
                        new LawfulBasisRecordedEvent(
                                caseId, BRADFORD, LawfulBasis.LEGAL_OBLIGATION, null, null, null, null, now()),
                        new ConsentWithdrawnEvent(caseId, BRADFORD, now())));
        awaitVersion(caseId, 3);

        JsonNode detail =
                body(get(caseworker, "/api/cases/" + caseId).expectStatus().isOk());
        assertThat(texts(detail.path("caseFile").path("lawfulBases"))).containsExactly("LEGAL_OBLIGATION");
        assertThat(detail.path("caseFile").path("consent").path("inForce").asBoolean())
                .isFalse();
        assertThat(detail.path("caseFile").path("consent").path("withdrawnAt").isNull())
                .isFalse();
        assertThat(detail.path("history").get(3).path("type").asText()).isEqualTo("CONSENT_WITHDRAWN");

        publish(caseId, 4, manager, new CaseErasedEvent(caseId, BRADFORD, new DataSubjectId(caseId.value()), now()));
        vault.erase(new DataSubjectId(caseId.value()));
        awaitVersion(caseId, 4);

        JsonNode erased = body(get(caseworker, "/api/cases/" + caseId)
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"4-erased\""));
        assertThat(erased.path("person").path("state").asText()).isEqualTo("ERASED");
        assertThat(erased.path("person").path("text").asText()).isEqualTo("[erased]");
        assertThat(erased.path("person").path("details").isNull()).isTrue();
        assertThat(erased.path("caseFile").path("erasedAt").isNull()).isFalse();
        assertThat(erased.toString()).doesNotContain("Tomasz");
        JsonNode listed =
                itemFor(body(get(caseworker, "/api/cases").expectStatus().isOk()), caseId);
        assertThat(listed.path("person").path("state").asText()).isEqualTo("ERASED");
        assertThat(listed.toString()).doesNotContain("Tomasz");
    }

    @Test
    void aCaseListsItsReferralsAndCountsTheOpenOnes() {
        CaseId caseId = new CaseId(UUID.randomUUID());
        append(caseId, caseworker, List.of(opened(caseId, caseworker, "Leila Ahmadi")));
        ReferralId open = raiseReferral(caseId);
        ReferralId closed = raiseReferral(caseId);
        eventStore.publish(new GenericDomainEventMessage<>(
                "Referral",
                closed.toString(),
                1,
                new ReferralClosedEvent(closed, now()),
                QuerySideTestSupport.metaData(caseworker)));
        ReferralId onAnotherCase = raiseReferral(new CaseId(UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode item = itemFor(
                            body(get(caseworker, "/api/cases").expectStatus().isOk()), caseId);
                    return item != null
                            && item.path("caseFile")
                                            .path("referrals")
                                            .path("total")
                                            .asLong()
                                    == 2
                            && item.path("caseFile")
                                            .path("referrals")
                                            .path("open")
                                            .asLong()
                                    == 1;
                });
        JsonNode referrals = body(get(caseworker, "/api/referrals?caseId=" + caseId)
                .expectStatus()
                .isOk());
        assertThat(texts(referrals.path("items"), "referralId"))
                .containsExactlyInAnyOrder(open.toString(), closed.toString())
                .doesNotContain(onAnotherCase.toString());
        JsonNode problem = body(get(caseworker, "/api/referrals?caseId=not-a-case")
                .expectStatus()
                .isBadRequest());
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("caseId");
    }

    @Test
    void nobodyButTheHoldingAgencysCaseWorkingRolesSeesACase() {
        CaseId caseId = new CaseId(UUID.randomUUID());
        append(caseId, caseworker, List.of(opened(caseId, caseworker, "Hidden Person")));
        awaitVersion(caseId, 0);

        for (Actor outsider : List.of(esolWorker, walsallCaseworker, coordinator, auditor)) {
            JsonNode problem =
                    body(get(outsider, "/api/cases/" + caseId).expectStatus().isNotFound());
            // Exactly what a case that does not exist answers: nothing tells the outsider it is there.
            assertThat(problem.path("detail").asText()).isEqualTo("There is no such record.");
            assertThat(problem.toString()).doesNotContain("Hidden");
        }
        for (Actor otherAgency : List.of(esolWorker, walsallCaseworker)) {
            JsonNode page = body(get(otherAgency, "/api/cases").expectStatus().isOk());
            assertThat(page.toString()).doesNotContain(caseId.toString()).doesNotContain("Hidden");
        }
        for (Actor notWorkingCases : List.of(coordinator, auditor)) {
            JsonNode problem =
                    body(get(notWorkingCases, "/api/cases").expectStatus().isForbidden());
            assertThat(problem.path("detail").asText()).isEqualTo("Your role does not allow you to see cases.");
        }
        get(caseworker, "/api/cases/not-a-uuid").expectStatus().isNotFound();
        get(caseworker, "/api/cases/" + UUID.randomUUID()).expectStatus().isNotFound();
        JsonNode problem = body(
                get(caseworker, "/api/cases?size=0&sort=name").expectStatus().isBadRequest());
        assertThat(texts(problem.path("errors"), "field")).containsExactlyInAnyOrder("size", "sort");
    }

    @Test
    void redeliveredCaseEventsChangeNothing() {
        CaseId caseId = new CaseId(UUID.randomUUID());
        CaseOpenedEvent opened = opened(caseId, caseworker, "Samir Khan");
        LawfulBasisRecordedEvent consent =
                consent(caseId, Set.of(ReferralType.ESOL_PLACEMENT), Set.of("bradford-esol"));
        ConsentWithdrawnEvent withdrawn = new ConsentWithdrawnEvent(caseId, BRADFORD, now());
        append(caseId, caseworker, List.of(opened, consent, withdrawn));
        awaitVersion(caseId, 2);
        String before = snapshot(caseId);

        // The same events again, as a retried batch would deliver them: the consent must not come back into force.
        projection.on(opened, 0, now(), "someone-else", "bradford-esol", "agency_worker");
        projection.on(consent, 1, now(), "someone-else", "bradford-esol", "agency_worker");
        projection.on(withdrawn, 2, now(), "someone-else", "bradford-esol", "agency_worker");

        assertThat(snapshot(caseId)).isEqualTo(before);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    @Test
    void theCasePagesShowThePersonTheirBasesHistoryAndReferralsToTheHoldingAgencyOnly() {
        CaseId caseId = new CaseId(UUID.randomUUID());
        append(
                caseId,
                caseworker,
                List.of(
                        opened(caseId, caseworker, "Farida Page"),
                        consent(caseId, Set.of(ReferralType.ESOL_PLACEMENT), Set.of("bradford-esol"))));
        awaitVersion(caseId, 1);
        ReferralId referralId = raiseReferral(caseId);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> page(caseworker, "/cases/" + caseId).contains("/referrals/" + referralId));

        assertThat(page(caseworker, "/cases"))
                .contains("<h1 class=\"govuk-heading-l\">Cases</h1>")
                .contains("Farida Page")
                .contains("1 April 1990")
                .contains("/cases/" + caseId);
        assertThat(page(caseworker, "/cases/" + caseId))
                .contains("Farida Page")
                .contains("Arabic")
                .contains("In force")
                .contains("ESOL placement")
                .contains("Lawful basis recorded")
                .contains("Caseworker, bradford-council-integration");
        String notTheirs = ActorClients.webTestClient(context, esolWorker)
                .get()
                .uri("/cases/" + caseId)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(notTheirs).contains("Page not found").doesNotContain("Farida Page");
        assertThat(page(esolWorker, "/cases")).doesNotContain("Farida Page");
    }

    private String page(Actor actor, String path) {
        return ActorClients.webTestClient(context, actor)
                .get()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private CaseOpenedEvent opened(CaseId caseId, Actor by, String fullName) {
        DataSubjectId subject = new DataSubjectId(caseId.value());
        PersonDetails person = new PersonDetails(
                fullName,
                LocalDate.of(1990, 4, 1),
                "07700 900123",
                null,
                "1 Example Street, Bradford",
                "Arabic",
                true,
                ImmigrationStatus.REFUGEE_STATUS);
        return new CaseOpenedEvent(caseId, BRADFORD, by.agencyId(), subject, vault.sealJson(subject, person), now());
    }

    private static LawfulBasisRecordedEvent consent(CaseId caseId, Set<ReferralType> purposes, Set<String> agencies) {
        return new LawfulBasisRecordedEvent(
                caseId,
                BRADFORD,
                LawfulBasis.CONSENT,
                ConsentGivenBy.DATA_SUBJECT,
                LocalDate.of(2026, 11, 2),
                purposes,
                agencies.stream().map(AgencyId::new).collect(Collectors.toSet()),
                now());
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
                        new ReferralFacts.EsolPlacement(EsolLevel.ENTRY_1, Set.of(EsolMode.CLASSROOM), false, false),
                        vault.seal(subject, "{}"),
                        null,
                        now(),
                        null,
                        now().plus(Duration.ofDays(14))),
                QuerySideTestSupport.metaData(caseworker)));
        return referralId;
    }

    private void append(CaseId caseId, Actor by, List<Object> events) {
        for (int sequence = 0; sequence < events.size(); sequence++) {
            publish(caseId, sequence, by, events.get(sequence));
        }
    }

    private void publish(CaseId caseId, long sequence, Actor by, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>(
                "Case", caseId.toString(), sequence, event, QuerySideTestSupport.metaData(by)));
    }

    private void awaitVersion(CaseId caseId, long version) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Long.valueOf(version)
                        .equals(jdbc
                                .query(
                                        "SELECT last_event_sequence FROM read_model.case_file WHERE case_id = ?",
                                        (row, n) -> row.getLong(1),
                                        caseId.value())
                                .stream()
                                .findFirst()
                                .orElse(null)));
    }

    private String snapshot(CaseId caseId) {
        return jdbc.queryForList("SELECT * FROM read_model.case_file WHERE case_id = ?", caseId.value())
                        .toString()
                + jdbc.queryForList(
                                "SELECT * FROM read_model.case_file_history WHERE case_id = ? ORDER BY sequence",
                                caseId.value())
                        .toString();
    }

    private WebTestClient.ResponseSpec get(Actor actor, String path) {
        return ActorClients.webTestClient(context, actor).get().uri(path).exchange();
    }

    private static JsonNode body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static JsonNode itemFor(JsonNode page, CaseId caseId) {
        for (JsonNode item : page.path("items")) {
            if (item.path("caseFile").path("caseId").asText().equals(caseId.toString())) {
                return item;
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.path(field).asText()));
        return texts;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

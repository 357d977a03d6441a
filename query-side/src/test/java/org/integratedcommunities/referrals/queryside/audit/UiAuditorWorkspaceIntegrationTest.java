package org.integratedcommunities.referrals.queryside.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * The auditor's workspace pages rendered by the application (WebFlux, Thymeleaf, the UI's security chain) for actors
 * made by the application's own token converter: the auditor starts on the workspace; the event log in plain words
 * with its filters, downloads and GOV.UK error summary; a referral's and a case's history as at a moment picked in UK
 * time; the integrity check and the checkpoints' download; a verified replay from its button to its report; the access
 * log showing the auditor's own reads. Every read is logged as the API logs it; other roles get the 403 page; another
 * partnership's auditor sees none of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class UiAuditorWorkspaceIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("ui_auditor_workspace");
    private static final PartnershipId BRADFORD = new PartnershipId("bradford");
    private static final PartnershipId WALSALL = new PartnershipId("walsall");
    /** 2:05:10pm in London (GMT in November). */
    private static final Instant RAISED_AT = Instant.parse("2026-11-25T14:05:10Z");

    private static final Instant ACCEPTED_AT = Instant.parse("2026-11-25T14:07:30Z");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        QuerySideTestSupport.useDatabase(database, registry);
    }

    @AfterAll
    void dropDatabase(@Autowired EventProcessingConfiguration processing) {
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

    private final ObjectMapper json = new ObjectMapper();
    private final Actor caseworker =
            QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.CASEWORKER);
    private final Actor esolWorker = QuerySideTestSupport.actor("bradford", "bradford-esol", Role.AGENCY_WORKER);
    private final Actor auditor = QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.AUDITOR);
    private final Actor walsallCaseworker =
            QuerySideTestSupport.actor("walsall", "walsall-council-integration", Role.CASEWORKER);
    private final Actor walsallAuditor =
            QuerySideTestSupport.actor("walsall", "walsall-council-integration", Role.AUDITOR);

    private final ReferralId referral = new ReferralId(UUID.randomUUID());
    private final ReferralId walsallReferral = new ReferralId(UUID.randomUUID());
    private final CaseId caseId = new CaseId(UUID.randomUUID());

    @BeforeAll
    void eventsOfBothPartnerships() {
        DataSubjectId subject = new DataSubjectId(caseId.value());
        append(
                "Case",
                caseId.toString(),
                0,
                caseworker,
                RAISED_AT.minusSeconds(600),
                new CaseOpenedEvent(
                        caseId,
                        BRADFORD,
                        caseworker.agencyId(),
                        subject,
                        vault.sealJson(
                                subject,
                                new PersonDetails(
                                        "Nadia Karimi",
                                        LocalDate.of(1992, 3, 4),
                                        null,
                                        null,
                                        null,
                                        "Dari",
                                        true,
                                        ImmigrationStatus.REFUGEE_STATUS)),
                        RAISED_AT.minusSeconds(600)));
        append(
                "Referral",
                referral.toString(),
                0,
                caseworker,
                RAISED_AT,
                raised(referral, BRADFORD, caseworker, subject));
        append(
                "Referral",
                referral.toString(),
                1,
                esolWorker,
                ACCEPTED_AT,
                new ReferralAcceptedEvent(referral, esolWorker.userId(), ACCEPTED_AT));
        DataSubjectId walsallSubject = new DataSubjectId(UUID.randomUUID());
        append(
                "Referral",
                walsallReferral.toString(),
                0,
                walsallCaseworker,
                RAISED_AT,
                raised(walsallReferral, WALSALL, walsallCaseworker, walsallSubject));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM read_model.event_log WHERE aggregate_id IN (?, ?, ?)",
                                Long.class,
                                referral.toString(),
                                walsallReferral.toString(),
                                caseId.toString())
                        == 4);
    }

    @Test
    void theAuditorStartsOnTheWorkspaceWithALinkToEachPage() {
        client(auditor)
                .get()
                .uri("/")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/audit");
        assertThat(page(auditor, "/audit"))
                .contains("<h1 class=\"govuk-heading-l\">Audit</h1>")
                .contains("href=\"/audit/events\"")
                .contains("href=\"/audit/history\"")
                .contains("href=\"/audit/integrity\"")
                .contains("href=\"/audit/replay\"")
                .contains("href=\"/audit/access-log\"")
                .contains("aria-current=\"page\">Audit</a>");
    }

    @Test
    void theEventLogShowsThePartnershipsEventsInPlainWordsWithWhoAndWhenAndLinksToTheirHistory() {
        String log = page(auditor, "/audit/events?recordId=" + referral);
        assertThat(log)
                .contains("Showing 1 to 2 of 2 events")
                .contains("Raised: ESOL_PLACEMENT from bradford-council-integration to bradford-esol")
                .contains("Accepted")
                // 14:05:10 UTC in November is 2:05:10pm in London.
                .contains("25 November 2026 at 2:05:10pm")
                .contains("Agency worker")
                .contains("bradford-esol")
                .contains("User " + esolWorker.userId().value())
                .contains("/audit/referrals/" + referral + "?asAt=2026-11-25T14:05:10Z")
                .contains("/audit/events/export.csv?recordId=" + referral)
                .contains("/audit/events/export.json?recordId=" + referral)
                .doesNotContain(walsallReferral.toString());
        assertThat(page(auditor, "/audit/events"))
                .contains(referral.toString())
                .contains(caseId.toString())
                .doesNotContain(walsallReferral.toString());
        assertThat(page(
                        auditor,
                        "/audit/events?recordId=" + referral + "&from-day=25&from-month=11&from-year=2026"
                                + "&from-hour=14&from-minute=6"))
                .contains("Showing 1 to 1 of 1 events")
                .doesNotContain("Raised: ESOL_PLACEMENT");
        assertThat(page(auditor, "/audit/events?type=ReferralAcceptedEvent&agency=bradford-esol"))
                .contains(referral.toString())
                .doesNotContain(caseId.toString());
        assertThat(page(walsallAuditor, "/audit/events"))
                .contains(walsallReferral.toString())
                .doesNotContain(referral.toString())
                .doesNotContain(caseId.toString());
    }

    @Test
    void aFilterThatIsNotARealDateComesBackWithAnErrorSummaryAndReadsNothing() {
        long logged = accessLogEntries("EVENT_LOG");
        String body = client(auditor)
                .get()
                .uri("/audit/events?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=1&to-year=2026"
                        + "&to-hour=25")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body)
                .contains("<title>Error: Event log")
                .contains("govuk-error-summary")
                .contains("href=\"#events-from-day\"")
                .contains("From must be a real date")
                .contains("href=\"#events-to-hour\"")
                .contains("To must be a real time")
                .doesNotContain("Showing");
        assertThat(accessLogEntries("EVENT_LOG")).as("nothing was read").isEqualTo(logged);
    }

    @Test
    void theDownloadsAreTheCurrentFiltersEventsAndAreLoggedAsTheApisAre() {
        long logged = accessLogEntries("EVENT_LOG");
        byte[] csv = client(auditor)
                .get()
                .uri("/audit/events/export.csv?recordId=" + referral)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/csv")
                .expectHeader()
                .value(
                        HttpHeaders.CONTENT_DISPOSITION,
                        value -> assertThat(value).contains("event-log.csv"))
                .expectBody()
                .returnResult()
                .getResponseBody();
        assertThat(new String(csv, java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("event_id,occurred_at,event_type")
                .contains("\"ReferralRaisedEvent\"")
                .contains("\"ReferralAcceptedEvent\"")
                .doesNotContain(walsallReferral.toString());
        String exported = client(auditor)
                .get()
                .uri("/audit/events/export.json?recordId=" + referral)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(
                        HttpHeaders.CONTENT_DISPOSITION,
                        value -> assertThat(value).contains("event-log.json"))
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(exported).contains("ReferralAcceptedEvent").contains(referral.toString());
        awaitAccessLogEntries("EVENT_LOG", logged + 2);
    }

    @Test
    void aReferralsHistoryAsAtAMomentPickedInUkTimeIsRebuiltFromItsEventsAndLogged() {
        long logged = accessLogEntries("REFERRAL_HISTORY");
        String beforeAcceptance = page(
                auditor,
                "/audit/referrals/" + referral + "?at-day=25&at-month=11&at-year=2026&at-hour=14&at-minute=6"
                        + "&at-second=0");
        assertThat(beforeAcceptance)
                .contains("As it stood on <strong><time datetime=\"2026-11-25T14:06Z\">25 November 2026 at 2:06:00pm")
                .containsPattern("id=\"referral-status\">Raised<")
                .contains("Raised: ESOL_PLACEMENT")
                .doesNotContain("Accepted")
                .contains("Estimated level")
                .contains("Entry 1")
                .doesNotContain("Evenings")
                .contains("value=\"25\"");
        assertThat(page(auditor, "/audit/referrals/" + referral))
                .containsPattern("id=\"referral-status\">Accepted<")
                .contains("/audit/referrals/" + referral + "?asAt=2026-11-25T14:07:30Z");
        assertThat(page(auditor, "/audit/referrals/" + referral + "?asAt=2026-11-25T14:05:10Z"))
                .as("an event's own link: as it stood after that event")
                .containsPattern("id=\"referral-status\">Raised<");
        assertThat(page(auditor, "/audit/referrals/" + referral + "?at-day=24&at-month=11&at-year=2026"))
                .contains("It had not been raised by then.")
                .doesNotContain("referral-status");
        String badTime = client(auditor)
                .get()
                .uri("/audit/referrals/" + referral + "?at-day=25&at-month=11&at-year=2026&at-hour=14&at-minute=61")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(badTime)
                .contains("govuk-error-summary")
                .contains("href=\"#asat-at-hour\"")
                .contains("The moment must be a real time")
                .doesNotContain("referral-status");
        awaitAccessLogEntries("REFERRAL_HISTORY", logged + 4);

        String caseHistory = page(auditor, "/audit/cases/" + caseId);
        assertThat(caseHistory)
                .contains("History of a case")
                .contains("bradford-council-integration")
                .contains("Opened")
                .doesNotContain("Nadia Karimi");
        client(auditor)
                .get()
                .uri("/audit/history?kind=REFERRAL&recordId=" + referral)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/audit/referrals/" + referral);
        assertThat(client(auditor)
                        .get()
                        .uri("/audit/history?kind=REFERRAL&recordId=not-an-id")
                        .accept(MediaType.TEXT_HTML)
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("href=\"#history-recordId\"")
                .contains("Enter the record&#39;s whole id");
    }

    @Test
    void anotherPartnershipsRecordsAreThe404PageAndAbsentFromItsLogs() {
        assertThat(status(walsallAuditor, "/audit/referrals/" + referral)).isEqualTo(404);
        assertThat(status(walsallAuditor, "/audit/cases/" + caseId)).isEqualTo(404);
        assertThat(status(auditor, "/audit/referrals/" + walsallReferral)).isEqualTo(404);
        assertThat(status(auditor, "/audit/referrals/" + UUID.randomUUID())).isEqualTo(404);
        page(auditor, "/audit/referrals/" + referral);
        awaitAccessLogEntries("REFERRAL_HISTORY", 1);
        assertThat(page(walsallAuditor, "/audit/access-log?recordId=" + referral))
                .contains("There are no entries to show.");
    }

    @Test
    void theAccessLogShowsWhoReadWhatWhenAndWhyIncludingTheAuditorsOwnReads() {
        page(auditor, "/audit/referrals/" + referral);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(page(auditor, "/audit/access-log?recordId=" + referral))
                        .contains("Referral history")
                        .contains("Auditor")
                        .contains("User " + auditor.userId().value())
                        .contains("<td class=\"govuk-table__cell\">Audit</td>"));
        assertThat(page(auditor, "/audit/access-log?recordId=" + referral + "&to-day=1&to-month=1&to-year=2026"))
                .contains("There are no entries to show.");
        assertThat(client(auditor)
                        .get()
                        .uri("/audit/access-log?from-day=2&from-month=13&from-year=2026")
                        .accept(MediaType.TEXT_HTML)
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("href=\"#access-from-day\"")
                .contains("From must be a real date");
    }

    @Test
    void theIntegrityCheckSaysIntactAndTheCheckpointsDownload() {
        long logged = accessLogEntries("INTEGRITY_VERIFICATION");
        assertThat(page(auditor, "/audit/integrity"))
                .contains("Check the event store now")
                .doesNotContain("Intact");
        assertThat(page(auditor, "/audit/integrity/check"))
                .contains("<h2 class=\"govuk-panel__title\">Intact</h2>")
                .contains("No stored event was changed, removed, added or reordered");
        awaitAccessLogEntries("INTEGRITY_VERIFICATION", logged + 1);
        client(auditor)
                .get()
                .uri("/audit/integrity/checkpoints.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(
                        HttpHeaders.CONTENT_DISPOSITION,
                        value -> assertThat(value).contains("event-chain-checkpoints.json"))
                .expectBody()
                .jsonPath("$.format")
                .isEqualTo("icr-event-chain-checkpoints/1")
                .jsonPath("$.publicKeyset")
                .exists();
    }

    @Test
    void aVerifiedReplayStartsFromItsButtonShowsItsProgressAndReportsNoDifferences() throws Exception {
        assertThat(page(auditor, "/audit/replay"))
                .contains("Start a verified replay")
                .containsPattern("name=\"_csrf\" value=\"[^\"]+\"");
        String location = client(auditor)
                .mutateWith(csrf())
                .post()
                .uri("/audit/replay")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isSeeOther()
                .returnResult(String.class)
                .getResponseHeaders()
                .getLocation()
                .toString();
        assertThat(location).startsWith("/audit/replay/");
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode progress = json.readTree(client(auditor)
                            .get()
                            .uri(location + "/progress")
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody());
                    assertThat(progress.path("eventsToReplay").asLong()).isGreaterThanOrEqualTo(0);
                    return "DONE".equals(progress.path("state").asText());
                });
        assertThat(page(auditor, location))
                .contains("<h2 class=\"govuk-panel__title\">No differences</h2>")
                .contains("Views compared")
                .contains("Referral summary")
                .contains("Event log")
                .doesNotContain("Rows that differ</h2>");
        assertThat(status(walsallAuditor, location))
                .as("another partnership's run")
                .isEqualTo(404);
        assertThat(status(auditor, "/audit/replay/" + UUID.randomUUID())).isEqualTo(404);
    }

    @Test
    void otherRolesGetThe403PageOnEveryAuditorPage() {
        for (String path : new String[] {
            "/audit",
            "/audit/events",
            "/audit/events/export.csv",
            "/audit/history",
            "/audit/referrals/" + referral,
            "/audit/cases/" + caseId,
            "/audit/integrity",
            "/audit/integrity/check",
            "/audit/integrity/checkpoints.json",
            "/audit/replay",
            "/audit/access-log"
        }) {
            String body = client(caseworker)
                    .get()
                    .uri(path)
                    .accept(MediaType.TEXT_HTML)
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(body).as(path).contains("You cannot see this page").doesNotContain(referral.toString());
        }
        client(esolWorker)
                .mutateWith(csrf())
                .post()
                .uri("/audit/replay")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(page(caseworker, "/outbox")).doesNotContain("href=\"/audit\"");
    }

    private void append(String type, String id, long sequence, Actor by, Instant at, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(
                type,
                id,
                sequence,
                payload,
                QuerySideTestSupport.metaData(by),
                UUID.randomUUID().toString(),
                at));
    }

    private ReferralRaisedEvent raised(
            ReferralId id, PartnershipId partnership, Actor referrer, DataSubjectId subject) {
        return new ReferralRaisedEvent(
                id,
                ReferralType.ESOL_PLACEMENT,
                partnership,
                referrer.agencyId(),
                new AgencyId(partnership.value() + "-esol"),
                new CaseId(subject.value()),
                subject,
                LawfulBasis.CONSENT,
                new ReferralFacts.EsolPlacement(EsolLevel.ENTRY_1, Set.of(EsolMode.CLASSROOM), true, false),
                vault.sealJson(subject, new ReferralParticulars.EsolPlacement("Evenings", null)),
                null,
                RAISED_AT,
                null,
                RAISED_AT.plus(Duration.ofDays(14)));
    }

    /** Entries of this kind in the access log, as appended to the event store (before the projection). */
    private long accessLogEntries(String kind) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM event_store.domain_event_entry WHERE payload_type LIKE"
                        + " '%PersonalDataAccessedEvent' AND convert_from(payload, 'UTF8') LIKE ?",
                Long.class, "%\"" + kind + "\"%");
    }

    private void awaitAccessLogEntries(String kind, long atLeast) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> accessLogEntries(kind) >= atLeast);
    }

    private int status(Actor actor, String uri) {
        return client(actor)
                .get()
                .uri(uri)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private String page(Actor actor, String uri) {
        return client(actor)
                .get()
                .uri(uri)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient client(Actor actor) {
        return ActorClients.webTestClient(context, actor);
    }
}

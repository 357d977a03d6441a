package org.integratedcommunities.referrals.queryside.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.actor;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.awaitVersion;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.newReferral;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.now;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.raised;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
import org.integratedcommunities.referrals.queryside.referral.ReferralEvents.Appender;
import org.integratedcommunities.referrals.queryside.ui.UkTime;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.testsupport.ActorClients;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The referral pages of the web UI rendered by the application (WebFlux, Thymeleaf, the UI's security chain) for
 * actors made by the application's own token converter, as the signed-in session's access token makes them: the inbox
 * and outbox with their filters and tags, the detail with its particulars opened and its history, and the 404 page,
 * the same for a referral of someone else's as for none at all. Sign-in itself is proven against the real Keycloak by
 * the end-to-end tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class UiReferralPagesIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("ui_referral_pages");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ReferralEvents.useDatabase(database, registry);
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    EventStore eventStore;

    @Autowired
    PersonalDataVault vault;

    @Autowired
    ReadModelReads reads;

    @Autowired
    ReferralSummaryRepository summaries;

    private final Actor caseworker = actor("bradford-council-integration", Role.CASEWORKER);
    private final Actor esolWorker = actor("bradford-esol", Role.AGENCY_WORKER);
    private final Actor jobcentreWorker = actor("bradford-jobcentre", Role.AGENCY_WORKER);

    private final Instant raisedAt = Instant.parse("2026-11-25T14:05:00Z");
    private ReferralId placed;
    private ReferralId waiting;

    @BeforeAll
    void referrals() {
        placed = newReferral();
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        Appender events = esolReferral(placed, subject, raisedAt)
                .append(esolWorker, new ReferralAcceptedEvent(placed, esolWorker.userId(), now()))
                .append(
                        esolWorker,
                        new ReferralOutcomeRecordedEvent(
                                placed,
                                new ReferralOutcome.EsolPlacement(
                                        EsolOutcomeKind.PLACED_ON_COURSE, EsolLevel.ENTRY_2, LocalDate.of(2027, 1, 11)),
                                vault.seal(subject, "Starts with the January cohort"),
                                now()));
        awaitVersion(reads, summaries, caseworker, placed, events.version());
        waiting = newReferral();
        Appender other = esolReferral(waiting, new DataSubjectId(UUID.randomUUID()), now());
        awaitVersion(reads, summaries, caseworker, waiting, other.version());
    }

    @Test
    void theInboxListsWhatTheAgencyReceivedWithStatusAndSlaTagsAndFilters() {
        String inbox = page(esolWorker, "/inbox");
        assertThat(inbox)
                .contains("<h1 class=\"govuk-heading-l\">Inbox</h1>")
                .contains("/referrals/" + placed)
                .contains("/referrals/" + waiting)
                .contains("ESOL placement")
                .contains("Outcome recorded")
                .contains("govuk-tag--yellow\">Due</strong>")
                .contains("bradford-council-integration")
                .contains("Showing 1 to 2 of 2 referrals")
                .as("the inbox names its live updates for its script")
                .contains("data-live-inbox=\"/inbox/updates\"")
                .contains("Sign out")
                .containsPattern("<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"");

        String onlyRaised = page(esolWorker, "/inbox?status=RAISED");
        assertThat(onlyRaised).contains("/referrals/" + waiting).doesNotContain("/referrals/" + placed);
        assertThat(page(esolWorker, "/inbox?slaBreached=true"))
                .contains("There are no referrals to show.")
                .doesNotContain("/referrals/" + waiting);
        assertThat(page(esolWorker, "/outbox"))
                .contains("There are no referrals to show.")
                .doesNotContain("data-live-inbox");
    }

    @Test
    void anInboxLongerThanTheCountsCapSaysMoreThanAndAlwaysOffersTheNextPage() {
        // An agency of its own: 1,030 referrals received, 30 past the cap.
        Actor busy = actor("bradford-ui-busy-receiver", Role.AGENCY_WORKER);
        ReferralEvents.insertSummaries(
                database, "bradford-ui-busy-referrer", busy.agencyId().value(), ReferralPage.COUNT_CAP + 30);

        assertThat(page(busy, "/inbox"))
                .contains("Showing 1 to 25 of more than 1,000 referrals")
                .contains("Page 1 of more than 40")
                .contains("href=\"/inbox?page=2\" rel=\"next\"")
                .doesNotContain("rel=\"prev\"")
                .as("the live inbox swaps the same block, caption and pagination included")
                .contains("data-live-inbox=\"/inbox/updates\"");
        assertThat(page(busy, "/inbox?page=2"))
                .contains("Showing 26 to 50 of more than 1,025 referrals")
                .contains("Page 2 of more than 41")
                .contains("href=\"/inbox?page=1\" rel=\"prev\"")
                .contains("href=\"/inbox?page=3\" rel=\"next\"");
        // From page 3 on, the count reaches every referral: exact again, and no next page after the last.
        assertThat(page(busy, "/inbox?page=41"))
                .contains("Showing 1,001 to 1,025 of 1,030 referrals")
                .contains("Page 41 of 42")
                .contains("href=\"/inbox?page=42\" rel=\"next\"");
        assertThat(page(busy, "/inbox?page=42"))
                .contains("Showing 1,026 to 1,030 of 1,030 referrals")
                .contains("Page 42 of 42")
                .contains("href=\"/inbox?page=41\" rel=\"prev\"")
                .doesNotContain("rel=\"next\"");
        // A filtered list short of the cap is exact, as it always was.
        assertThat(page(busy, "/inbox?status=ACCEPTED")).contains("There are no referrals to show.");
    }

    @Test
    void theOutboxShowsTheOutcomeOfWhatTheAgencySent() {
        assertThat(page(caseworker, "/outbox"))
                .contains("<h1 class=\"govuk-heading-l\">Outbox</h1>")
                .contains("/referrals/" + placed)
                .contains("Result: Placed on course; Level: Entry 2; Course start: 11 January 2027")
                .contains("None yet");
    }

    @Test
    void theDetailShowsFactsParticularsAndHistoryInLondonTime() {
        String detail = page(esolWorker, "/referrals/" + placed);
        assertThat(detail)
                .contains("ESOL placement")
                .contains("Outcome recorded")
                .contains("Weekday mornings")
                .contains("Needs a creche place")
                .contains("Entry 1")
                .contains("Starts with the January cohort")
                // 14:05 UTC in November is 2:05pm in London.
                .contains("25 November 2026 at 2:05pm")
                .contains("Held by the agency that opened the case")
                .contains("Back to inbox");
        assertThat(page(caseworker, "/referrals/" + placed))
                .contains("View the case")
                .contains("Back to outbox");
    }

    @Test
    void aReferralOfAnotherAgencyIsTheSame404PageAsNone() {
        String notTheirs = client(jobcentreWorker)
                .get()
                .uri("/referrals/" + placed)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String none = client(jobcentreWorker)
                .get()
                .uri("/referrals/" + newReferral())
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(notTheirs).contains("Page not found").doesNotContain("ESOL placement");
        assertThat(notTheirs).isEqualTo(none);
        client(jobcentreWorker)
                .get()
                .uri("/referrals/not-a-referral")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(page(jobcentreWorker, "/inbox")).doesNotContain("/referrals/" + placed);
    }

    @Test
    void aHandMadeFilterIsExplainedInAnErrorSummary() {
        String body = client(esolWorker)
                .get()
                .uri("/inbox?status=NOT_A_STATUS")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body)
                .contains("govuk-error-summary")
                .contains("There is a problem")
                .contains("href=\"#status\"");
    }

    @Test
    void datesAndTimesAreWrittenTheGovUkWay() {
        UkTime time = new UkTime();
        assertThat(time.time(Instant.parse("2026-07-01T11:00:00Z"))).isEqualTo("midday");
        assertThat(time.time(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo("midnight");
        assertThat(time.time(Instant.parse("2026-12-01T09:00:00Z"))).isEqualTo("9am");
        assertThat(time.dateTime(Instant.parse("2026-07-01T13:30:00Z"))).isEqualTo("1 July 2026 at 2:30pm");
    }

    private Appender esolReferral(ReferralId id, DataSubjectId subject, Instant at) {
        return new Appender(eventStore, id)
                .append(
                        caseworker,
                        raised(
                                id,
                                caseworker,
                                esolWorker.agencyId(),
                                new ReferralFacts.EsolPlacement(
                                        EsolLevel.ENTRY_1, Set.of(EsolMode.CLASSROOM), true, false),
                                subject,
                                vault.sealJson(
                                        subject,
                                        new ReferralParticulars.EsolPlacement(
                                                "Weekday mornings", "Needs a creche place")),
                                at,
                                null,
                                at.plus(Duration.ofDays(14)),
                                null));
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

    private org.springframework.test.web.reactive.server.WebTestClient client(Actor actor) {
        return ActorClients.webTestClient(context, actor);
    }
}

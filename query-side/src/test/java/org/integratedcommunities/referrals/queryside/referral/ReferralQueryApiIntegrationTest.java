package org.integratedcommunities.referrals.queryside.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.actor;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.awaitVersion;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.newReferral;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.now;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.raised;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.queryside.referral.ReferralEvents.Appender;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.testsupport.ActorClients;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The query API over HTTP (WebFlux, the application's own security chain, actors made by the application's own token
 * converter): the list's parameters, paging shape and problems; the detail with its timeline and its personal data
 * opened from the event store with real keys, its ETag and 304, and "erased" once the person is erased.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class ReferralQueryApiIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("query_api");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ReferralEvents.useDatabase(database, registry);
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
    ReadModelReads reads;

    @Autowired
    ReferralSummaryRepository summaries;

    private final Actor caseworker = actor("bradford-council-integration", Role.CASEWORKER);
    private final Actor esolWorker = actor("bradford-esol", Role.AGENCY_WORKER);
    private final Actor jobcentreWorker = actor("bradford-jobcentre", Role.AGENCY_WORKER);
    private final Actor refugeeWorker = actor("bradford-refugee-charity", Role.AGENCY_WORKER);

    @Test
    void theDetailOpensTheParticularsAndTheTimelinesTextsAndAnswers304WhileUnchanged() {
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        ReferralId id = newReferral();
        Appender events = esolReferral(id, subject)
                .append(
                        esolWorker,
                        new ReferralReturnedForInformationEvent(id, vault.seal(subject, "Which days suit?"), now()))
                .append(
                        caseworker,
                        new InformationProvidedEvent(
                                id, vault.seal(subject, "Tuesdays"), now(), now().plus(Duration.ofDays(10))))
                .append(esolWorker, new ReferralAcceptedEvent(id, esolWorker.userId(), now()));
        awaitVersion(reads, summaries, caseworker, id, events.version());

        var response = get(caseworker, "/api/referrals/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"3\"")
                .expectHeader()
                .value(
                        HttpHeaders.CACHE_CONTROL,
                        cacheControl -> assertThat(cacheControl)
                                .as("personal data: revalidated with the ETag, never stored by a browser or a proxy")
                                .contains("no-store"))
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(response.get("referralId").asText()).isEqualTo(id.toString());
        assertThat(response.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(response.get("version").asLong()).isEqualTo(3);
        assertThat(response.get("receivingAgencyId").asText()).isEqualTo("bradford-esol");
        assertThat(response.get("lawfulBasis").asText()).isEqualTo("CONSENT");
        assertThat(response.get("facts").get("kind").asText()).isEqualTo("ESOL_PLACEMENT");
        assertThat(response.get("particulars").get("state").asText()).isEqualTo("OPENED");
        assertThat(response.get("particulars").get("value").get("availability").asText())
                .isEqualTo("Weekday mornings");
        assertThat(response.get("particulars").get("value").get("notes").asText())
                .isEqualTo("Needs a creche place");
        JsonNode timeline = response.get("timeline");
        assertThat(timeline).hasSize(4);
        assertThat(timeline.get(0).get("type").asText()).isEqualTo("RAISED");
        assertThat(timeline.get(0).get("actor").get("agencyId").asText()).isEqualTo("bradford-council-integration");
        assertThat(timeline.get(0).get("actor").get("userId").asText())
                .isEqualTo(caseworker.userId().value());
        assertThat(timeline.get(0).get("actor").get("roles").get(0).asText()).isEqualTo("caseworker");
        assertThat(timeline.get(0).get("personalData").isNull())
                .as("the particulars are shown once, above")
                .isTrue();
        assertThat(timeline.get(1).get("personalData").get("part").asText()).isEqualTo("question");
        assertThat(timeline.get(1).get("personalData").get("state").asText()).isEqualTo("OPENED");
        assertThat(timeline.get(1).get("personalData").get("text").asText()).isEqualTo("Which days suit?");
        assertThat(timeline.get(2).get("personalData").get("text").asText()).isEqualTo("Tuesdays");
        assertThat(timeline.get(2).get("details").get("acknowledgeBy").isTextual())
                .isTrue();
        assertThat(timeline.get(3).get("personalData").isNull()).isTrue();

        get(esolWorker, "/api/referrals/" + id)
                .header(HttpHeaders.IF_NONE_MATCH, "\"3\"")
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"3\"")
                .expectBody()
                .isEmpty();
        get(esolWorker, "/api/referrals/" + id)
                .header(HttpHeaders.IF_NONE_MATCH, "\"1\", W/\"3\"")
                .exchange()
                .expectStatus()
                .isNotModified();
        get(esolWorker, "/api/referrals/" + id)
                .header(HttpHeaders.IF_NONE_MATCH, "\"2\"")
                .exchange()
                .expectStatus()
                .isOk();

        // A new event: a new version, so the old tag no longer matches.
        events.append(
                esolWorker,
                new ReferralOutcomeRecordedEvent(
                        id,
                        new ReferralOutcome.EsolPlacement(EsolOutcomeKind.WAITING_LIST, null, null),
                        vault.seal(subject, "Places from January"),
                        now()));
        awaitVersion(reads, summaries, caseworker, id, events.version());
        JsonNode changed = get(caseworker, "/api/referrals/" + id)
                .header(HttpHeaders.IF_NONE_MATCH, "\"3\"")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"4\"")
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(changed.get("outcome").get("result").asText()).isEqualTo("WAITING_LIST");
        assertThat(changed.get("timeline")
                        .get(4)
                        .get("personalData")
                        .get("text")
                        .asText())
                .isEqualTo("Places from January");
    }

    @Test
    void afterTheSubjectIsErasedTheDetailShowsErasedUnderANewEntityTag() {
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        ReferralId id = newReferral();
        Appender events = esolReferral(id, subject)
                .append(esolWorker, new ReferralAcceptedEvent(id, esolWorker.userId(), now()))
                .append(
                        esolWorker,
                        new ReferralProgressRecordedEvent(
                                id, vault.seal(subject, "Assessed on Monday"), Set.of(), now()));
        awaitVersion(reads, summaries, caseworker, id, events.version());
        get(caseworker, "/api/referrals/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"2\"");

        vault.erase(subject);

        JsonNode erased = get(caseworker, "/api/referrals/" + id)
                .header(HttpHeaders.IF_NONE_MATCH, "\"2\"")
                .exchange()
                .expectStatus()
                .isOk() // a copy still holding the person's data is not revalidated
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"2-erased\"")
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(erased.get("particulars").get("state").asText()).isEqualTo("ERASED");
        assertThat(erased.get("particulars").get("value").isNull()).isTrue();
        assertThat(erased.get("particulars").get("text").asText()).isEqualTo("[erased]");
        JsonNode note = erased.get("timeline").get(2).get("personalData");
        assertThat(note.get("part").asText()).isEqualTo("note");
        assertThat(note.get("state").asText()).isEqualTo("ERASED");
        assertThat(note.get("text").asText()).isEqualTo("[erased]");
        assertThat(erased.toString()).doesNotContain("Weekday mornings", "Assessed on Monday");
        assertThat(erased.get("status").asText())
                .as("the categorical part stays")
                .isEqualTo("IN_PROGRESS");
        get(caseworker, "/api/referrals/" + id)
                .header(HttpHeaders.IF_NONE_MATCH, "\"2-erased\"")
                .exchange()
                .expectStatus()
                .isNotModified();
    }

    @Test
    void afterARedirectTheNewAgencyGetsTheParticularsButNotWhatPassedWithThePreviousOne() {
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        ReferralId id = newReferral();
        Appender events = esolReferral(id, subject)
                .append(
                        esolWorker,
                        new ReferralReturnedForInformationEvent(id, vault.seal(subject, "Is she working?"), now()))
                .append(
                        caseworker,
                        new InformationProvidedEvent(
                                id, vault.seal(subject, "Yes, nights"), now(), now().plus(Duration.ofDays(10))))
                .append(
                        esolWorker,
                        new ReferralDeclinedEvent(
                                id, DeclineReason.OTHER, vault.seal(subject, "Only daytime classes here"), now()))
                .append(
                        caseworker,
                        new ReferralRedirectedEvent(
                                id,
                                esolWorker.agencyId(),
                                jobcentreWorker.agencyId(),
                                now(),
                                now().plus(Duration.ofDays(5))));
        awaitVersion(reads, summaries, caseworker, id, events.version());

        JsonNode newReceiver = detail(jobcentreWorker, id);
        assertThat(newReceiver.get("particulars").get("state").asText()).isEqualTo("OPENED");
        for (int sequence = 1; sequence <= 3; sequence++) {
            JsonNode text = newReceiver.get("timeline").get(sequence).get("personalData");
            assertThat(text.get("state").asText()).isEqualTo("WITHHELD");
            assertThat(text.get("text").asText()).isEqualTo("[not shared with your agency]");
        }
        assertThat(newReceiver.toString()).doesNotContain("Is she working?", "Yes, nights", "Only daytime");
        assertThat(newReceiver.get("timeline").get(3).get("summary").asText()).isEqualTo("Declined: OTHER");

        JsonNode referrer = detail(caseworker, id);
        assertThat(referrer.get("timeline")
                        .get(1)
                        .get("personalData")
                        .get("text")
                        .asText())
                .isEqualTo("Is she working?");
        assertThat(referrer.get("timeline")
                        .get(3)
                        .get("personalData")
                        .get("text")
                        .asText())
                .isEqualTo("Only daytime classes here");

        get(esolWorker, "/api/referrals/" + id)
                .header(HttpHeaders.IF_NONE_MATCH, "*")
                .exchange()
                .expectStatus()
                .isNotFound(); // the agency it was taken from: no such record, whatever the headers
    }

    @Test
    void anOutsiderGetsTheSame404AsForAReferralThatDoesNotExist() {
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        ReferralId id = newReferral();
        Appender events = esolReferral(id, subject);
        awaitVersion(reads, summaries, caseworker, id, events.version());

        String unknownId = UUID.randomUUID().toString();
        String outsiders = get(refugeeWorker, "/api/referrals/" + id)
                .header(HttpHeaders.IF_NONE_MATCH, "\"0\"")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .doesNotExist(HttpHeaders.ETAG)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String unknown = get(refugeeWorker, "/api/referrals/" + unknownId)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(outsiders.replace(id.toString(), "<id>")).isEqualTo(unknown.replace(unknownId, "<id>"));
        get(refugeeWorker, "/api/referrals/not-a-uuid")
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(ids(get(refugeeWorker, "/api/referrals?box=all"))).doesNotContain(id.toString());
        get(actor("bradford-esol", Role.PARTNERSHIP_COORDINATOR), "/api/referrals/" + id)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void theListAnswersAPageOfItsFiltersAndSort() {
        // Agencies of their own, so that other tests' referrals do not count.
        Actor referrer = actor("bradford-api-referrer", Role.CASEWORKER);
        Actor receiver = actor("bradford-api-receiver", Role.AGENCY_WORKER);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
            ReferralId id = newReferral();
            ids.add(id.toString());
            Appender events = new Appender(eventStore, id)
                    .append(
                            referrer,
                            raised(
                                    id,
                                    referrer,
                                    receiver.agencyId(),
                                    new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false),
                                    subject,
                                    vault.sealJson(subject, new ReferralParticulars.EsolPlacement("any", null)),
                                    now().minus(Duration.ofHours(10 - i)),
                                    null,
                                    now().plus(Duration.ofDays(10 + i)),
                                    null));
            if (i < 2) {
                events.append(receiver, new ReferralAcceptedEvent(id, receiver.userId(), now()));
            }
            awaitVersion(reads, summaries, referrer, id, events.version());
        }

        JsonNode page = get(receiver, "/api/referrals?box=inbox&size=2&page=1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("totalIsExact").asBoolean()).isTrue();
        assertThat(ids(page)).containsExactly(ids.get(2), ids.get(1));
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("type").asText()).isEqualTo("ESOL_PLACEMENT");
        assertThat(first.has("particulars")).as("no personal data in the lists").isFalse();
        assertThat(first.has("timeline")).isFalse();

        assertThat(ids(get(receiver, "/api/referrals?box=inbox&sort=acknowledgeBy")))
                .containsExactlyElementsOf(ids);
        assertThat(ids(get(receiver, "/api/referrals?box=inbox&sort=acknowledgeBy,desc")))
                .containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(ids(get(receiver, "/api/referrals?box=inbox&status=ACCEPTED")))
                .containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        assertThat(ids(get(receiver, "/api/referrals?box=inbox&status=accepted,raised&type=ESOL_PLACEMENT")))
                .hasSize(5);
        assertThat(ids(get(receiver, "/api/referrals?box=inbox&status=RAISED&status=ACCEPTED&slaBreached=false")))
                .hasSize(5);
        assertThat(ids(get(receiver, "/api/referrals?box=inbox&slaBreached=true")))
                .isEmpty();
        assertThat(ids(get(receiver, "/api/referrals?box=inbox&assignedToMe=true")))
                .containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        assertThat(ids(get(referrer, "/api/referrals?box=outbox&size=200"))).hasSize(5);
        assertThat(ids(get(referrer, "/api/referrals?box=inbox"))).isEmpty();
        assertThat(ids(get(receiver, "/api/referrals?limit=1")))
                .as("a parameter the API does not know is ignored")
                .hasSize(5);
    }

    @Test
    void aTotalPastTheCapIsTheOffsetPlusTheCapAndSaysItIsALowerBound() {
        // Agencies of their own: 1,030 referrals received, 30 past the cap; and 7 the receiver sent.
        Actor receiver = actor("bradford-api-busy-receiver", Role.AGENCY_WORKER);
        int received = ReferralPage.COUNT_CAP + 30;
        ReferralEvents.insertSummaries(
                database, "bradford-api-busy-referrer", receiver.agencyId().value(), received);
        ReferralEvents.insertSummaries(database, receiver.agencyId().value(), "bradford-api-busy-referrer", 7);

        JsonNode first = list(receiver, "/api/referrals?box=inbox&size=25");
        assertThat(first.get("total").asLong()).isEqualTo(ReferralPage.COUNT_CAP);
        assertThat(first.get("totalIsExact").asBoolean()).isFalse();
        assertThat(ids(first)).hasSize(25);

        // The cap counts from the page's start: page 1 (offset 25) counts to 1,025 and still finds more.
        JsonNode second = list(receiver, "/api/referrals?box=inbox&size=25&page=1");
        assertThat(second.get("total").asLong()).isEqualTo(25 + ReferralPage.COUNT_CAP);
        assertThat(second.get("totalIsExact").asBoolean()).isFalse();
        assertThat(ids(second)).hasSize(25).doesNotContainAnyElementsOf(ids(first));

        // Near the cap: offset 29 counts to 1,029, one short of all of them; offset 30 reaches them all, exactly.
        JsonNode oneShort = list(receiver, "/api/referrals?box=inbox&size=29&page=1");
        assertThat(oneShort.get("total").asLong()).isEqualTo(received - 1);
        assertThat(oneShort.get("totalIsExact").asBoolean()).isFalse();
        JsonNode exactly = list(receiver, "/api/referrals?box=inbox&size=30&page=1");
        assertThat(exactly.get("total").asLong()).isEqualTo(received);
        assertThat(exactly.get("totalIsExact").asBoolean()).isTrue();

        // Past the cap: the last page's count is exact, and so is a page past the end.
        JsonNode last = list(receiver, "/api/referrals?box=inbox&size=50&page=20");
        assertThat(last.get("total").asLong()).isEqualTo(received);
        assertThat(last.get("totalIsExact").asBoolean()).isTrue();
        assertThat(ids(last)).hasSize(30);
        JsonNode pastTheEnd = list(receiver, "/api/referrals?box=inbox&size=50&page=30");
        assertThat(pastTheEnd.get("total").asLong()).isEqualTo(received);
        assertThat(pastTheEnd.get("totalIsExact").asBoolean()).isTrue();
        assertThat(ids(pastTheEnd)).isEmpty();

        // A smaller list is counted exactly: the outbox, and the inbox with a filter no referral matches.
        JsonNode outbox = list(receiver, "/api/referrals?box=outbox");
        assertThat(outbox.get("total").asLong()).isEqualTo(7);
        assertThat(outbox.get("totalIsExact").asBoolean()).isTrue();
        JsonNode accepted = list(receiver, "/api/referrals?box=inbox&status=ACCEPTED");
        assertThat(accepted.get("total").asLong()).isZero();
        assertThat(accepted.get("totalIsExact").asBoolean()).isTrue();
        // Both boxes: the cap applies to the whole list.
        JsonNode all = list(receiver, "/api/referrals?size=200&page=4");
        assertThat(all.get("total").asLong()).isEqualTo(received + 7);
        assertThat(all.get("totalIsExact").asBoolean()).isTrue();
        assertThat(list(receiver, "/api/referrals?size=10").get("totalIsExact").asBoolean())
                .isFalse();
    }

    @Test
    void badParametersAnswer400WithAnErrorForEachField() {
        JsonNode problem = get(
                        esolWorker,
                        "/api/referrals?box=sideways&status=RAISED,LOST&type=CAKE&slaBreached=maybe"
                                + "&assignedToMe=1&sort=name&page=-1&size=201")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(problem.get("title").asText()).isEqualTo("Invalid request");
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "box", "status", "type", "slaBreached", "assignedToMe", "sort", "page", "size");
        assertThat(problem.toString()).doesNotContain("Exception", "java.");

        get(esolWorker, "/api/referrals?size=0").exchange().expectStatus().isBadRequest();
        get(esolWorker, "/api/referrals?page=abc").exchange().expectStatus().isBadRequest();
        get(esolWorker, "/api/referrals?sort=raisedAt,sideways")
                .exchange()
                .expectStatus()
                .isBadRequest();
        get(esolWorker, "/api/referrals?size=200&page=0&sort=raisedAt,ASC")
                .exchange()
                .expectStatus()
                .isOk();
    }

    // -----------------------------------------------------------------------------------------------------------------

    /** An ESOL referral from the council to the ESOL provider, its particulars sealed with the person's real key. */
    private Appender esolReferral(ReferralId id, DataSubjectId subject) {
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
                                now(),
                                LocalDate.now().minusDays(1),
                                now().plus(Duration.ofDays(14)),
                                null));
    }

    private JsonNode detail(Actor actor, ReferralId id) {
        return get(actor, "/api/referrals/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode list(Actor actor, String uri) {
        return get(actor, uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<String> ids(WebTestClient.RequestHeadersSpec<?> request) {
        return ids(request.exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("referralId").asText()));
        return ids;
    }

    private WebTestClient.RequestHeadersSpec<?> get(Actor actor, String uri) {
        return client(actor).get().uri(uri);
    }

    /** A client whose requests carry the actor as a verified token would, made by the application's converter. */
    private WebTestClient client(Actor actor) {
        return ActorClients.webTestClient(context, actor);
    }
}

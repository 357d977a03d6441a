package org.integratedcommunities.referrals.queryside.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.flywaydb.core.Flyway;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.ConcernCategory;
import org.integratedcommunities.referrals.kernel.referral.EmploymentProgramme;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SettingSize;
import org.integratedcommunities.referrals.kernel.referral.SettingType;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.testsupport.ActorClients;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Live inbox updates on the real PostgreSQL, through the real endpoint ({@code GET /api/inbox/updates}, server-sent
 * events) with the actor as a verified token would carry it: referral events appended to the event store (as the
 * command side would) reach the subscribers of the receiving agency, after the inbox has them, and nobody else's: not
 * another agency of the partnership, not the same agency id in another partnership, not an agency worker for a
 * safeguarding-restricted concern. A client that goes away leaves no subscription behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class LiveInboxUpdatesIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("live");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // The command side owns the event store schema; here it is created the same way, from the same migration.
        Flyway.configure()
                .dataSource(database.url(), TestDatabase.user(), TestDatabase.password())
                .schemas("event_store")
                .locations("classpath:db/eventstore")
                .load()
                .migrate();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
    }

    /**
     * Stops the event processors before their database goes, so that they do not keep knocking at a dropped database
     * until the JVM's exit (and hold the exit up).
     */
    @AfterAll
    void stopProcessorsThenDropTheDatabase() {
        QuerySideTestSupport.stopProcessorsAndDrop(context.getBean(EventProcessingConfiguration.class), database);
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final PartnershipId BRADFORD = new PartnershipId("bradford");
    private static final AgencyId COUNCIL = new AgencyId("bradford-council-integration");

    private final Actor esolWorker = actor("bradford-esol", BRADFORD, Role.AGENCY_WORKER);
    private final Actor jobcentreWorker = actor("bradford-jobcentre", BRADFORD, Role.AGENCY_WORKER);
    private final Actor walsallSameAgencyId = actor("bradford-esol", new PartnershipId("walsall"), Role.AGENCY_WORKER);
    private final Actor oosWorker = actor("bradford-oos-safeguarding", BRADFORD, Role.AGENCY_WORKER);
    private final Actor safeguardingLead = actor("bradford-oos-safeguarding", BRADFORD, Role.SAFEGUARDING_LEAD);

    @Autowired
    ApplicationContext context;

    @Autowired
    EventStore eventStore;

    @Autowired
    QueryUpdateEmitter emitter;

    @Autowired
    ObjectMapper json;

    private final List<Disposable> subscriptions = new ArrayList<>();

    @AfterEach
    void unsubscribe() {
        subscriptions.forEach(Disposable::dispose);
        subscriptions.clear();
    }

    @Test
    void anAgencyHearsOfChangesToItsOwnInboxAndOfNothingElse() {
        Listener esol = subscribe(esolWorker);
        Listener jobcentre = subscribe(jobcentreWorker);
        Listener walsall = subscribe(walsallSameAgencyId);
        Listener oos = subscribe(oosWorker);
        Listener lead = subscribe(safeguardingLead);
        for (Listener stream : List.of(esol, jobcentre, walsall, oos, lead)) {
            await().atMost(PATIENCE).until(() -> !stream.events("inbox").isEmpty());
            assertThat(stream.events("inbox").get(0).path("openReferrals").asLong())
                    .isZero();
        }

        ReferralId forEsol = newReferral();
        ReferralId forJobcentre = newReferral();
        ReferralId concern = newReferral();
        append(forEsol, 0, raised(forEsol, ReferralType.ESOL_PLACEMENT, esolWorker.agencyId()));
        append(forJobcentre, 0, raised(forJobcentre, ReferralType.EMPLOYMENT_SUPPORT, jobcentreWorker.agencyId()));
        append(concern, 0, raised(concern, ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN, oosWorker.agencyId()));

        await().atMost(PATIENCE).until(() -> esol.changed(forEsol, "RAISED"));
        await().atMost(PATIENCE).until(() -> jobcentre.changed(forJobcentre, "RAISED"));
        await().atMost(PATIENCE).until(() -> lead.changed(concern, "RAISED"));

        // A later event names no agency: its receiving agency is looked up in the inbox's own row.
        append(forEsol, 1, new ReferralAcceptedEvent(forEsol, new UserId("esol-worker"), Instant.now()));
        await().atMost(PATIENCE).until(() -> esol.changed(forEsol, "ACCEPTED"));

        assertThat(esol.referralIds()).containsOnly(forEsol.toString());
        assertThat(jobcentre.referralIds()).containsOnly(forJobcentre.toString());
        assertThat(lead.referralIds()).containsOnly(concern.toString());
        assertThat(walsall.referralIds())
                .as("the same agency id claimed in another partnership hears nothing")
                .isEmpty();
        assertThat(oos.referralIds())
                .as("an agency worker of the receiving agency who is not its safeguarding lead hears nothing of a"
                        + " restricted concern")
                .isEmpty();
        assertThat(String.join("\n", walsall.raw) + String.join("\n", oos.raw))
                .doesNotContain(forEsol.toString(), forJobcentre.toString(), concern.toString());

        Listener again = subscribe(esolWorker);
        await().atMost(PATIENCE).until(() -> !again.events("inbox").isEmpty());
        JsonNode snapshot = again.events("inbox").get(0);
        assertThat(snapshot.path("openReferrals").asLong()).isEqualTo(1);
        assertThat(snapshot.path("awaitingAcceptance").asLong()).isZero();
    }

    @Test
    void aClientThatGoesAwayLeavesNoSubscriptionBehind() {
        Listener esol = subscribe(esolWorker);
        await().atMost(PATIENCE).until(() -> !esol.events("inbox").isEmpty());
        assertThat(emitter.activeSubscriptions())
                .anyMatch(query -> query.getPayload() instanceof InboxUpdatesQuery inbox
                        && inbox.actor().equals(esolWorker));

        esol.subscription.dispose();

        await().atMost(PATIENCE)
                .until(() -> emitter.activeSubscriptions().stream()
                        .noneMatch(query -> query.getPayload() instanceof InboxUpdatesQuery inbox
                                && inbox.actor().equals(esolWorker)));
    }

    @Test
    void onlyTheAgencysOwnRolesMaySubscribeToTheApisStreamOrThePagesOne() {
        Actor auditor = actor("bradford-council-integration", BRADFORD, Role.AUDITOR);
        for (String path : List.of(LiveInboxController.PATH, LiveInboxController.UI_PATH)) {
            client(auditor)
                    .get()
                    .uri(path)
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            anonymous()
                    .get()
                    .uri(path)
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .exchange()
                    .expectStatus()
                    .value(status -> assertThat(status)
                            .as("without a token (API: 401) or a session (page: sent to sign in), no stream")
                            .isIn(path.equals(LiveInboxController.PATH) ? List.of(401) : List.of(302, 401)));
        }
    }

    @Test
    void aStreamEndsWhenTheTokenItWasOpenedWithExpires() {
        for (String path : List.of(LiveInboxController.PATH, LiveInboxController.UI_PATH)) {
            Instant expiresAt = Instant.now().plusSeconds(3);
            List<ServerSentEvent<String>> heard = events(
                            ActorClients.webTestClient(context, esolWorker, expiresAt), path)
                    .collectList()
                    .block(PATIENCE);
            assertThat(heard)
                    .as("%s: the stream ended by itself, after its first event", path)
                    .isNotNull()
                    .extracting(ServerSentEvent::event)
                    .contains("inbox");
            assertThat(Instant.now())
                    .as("%s: it ended when the token expired, not before", path)
                    .isAfter(expiresAt.minusMillis(500));
        }
    }

    @Test
    void theWebUiHearsTheSameOnTheSignedInSessionScopedAsTheApi() {
        Actor refugeeWorker = actor("bradford-refugee-support", BRADFORD, Role.AGENCY_WORKER);
        Actor librariesWorker = actor("bradford-libraries", BRADFORD, Role.AGENCY_WORKER);
        Listener page = subscribe(refugeeWorker, LiveInboxController.UI_PATH);
        Listener otherPage = subscribe(librariesWorker, LiveInboxController.UI_PATH);
        Listener api = subscribe(refugeeWorker, LiveInboxController.PATH);
        for (Listener stream : List.of(page, otherPage, api)) {
            await().atMost(PATIENCE).until(() -> !stream.events("inbox").isEmpty());
        }

        ReferralId forRefugeeSupport = newReferral();
        append(
                forRefugeeSupport,
                0,
                raised(forRefugeeSupport, ReferralType.EMPLOYMENT_SUPPORT, refugeeWorker.agencyId()));

        await().atMost(PATIENCE).until(() -> page.changed(forRefugeeSupport, "RAISED"));
        await().atMost(PATIENCE).until(() -> api.changed(forRefugeeSupport, "RAISED"));
        assertThat(page.events("inbox-changed"))
                .as("the page's stream carries what the API's does")
                .isEqualTo(api.events("inbox-changed"));
        assertThat(otherPage.referralIds())
                .as("another agency's page hears nothing")
                .isEmpty();
    }

    /** What one client has received on its stream: the events' data as JSON, by event name. */
    private final class Listener {

        final List<String> raw = new CopyOnWriteArrayList<>();
        final List<Map.Entry<String, JsonNode>> received = new CopyOnWriteArrayList<>();
        Disposable subscription;

        List<JsonNode> events(String name) {
            return received.stream()
                    .filter(event -> event.getKey().equals(name))
                    .map(Map.Entry::getValue)
                    .toList();
        }

        boolean changed(ReferralId referralId, String change) {
            return events("inbox-changed").stream()
                    .anyMatch(event -> event.path("referralId").asText().equals(referralId.toString())
                            && event.path("change").asText().equals(change));
        }

        Set<String> referralIds() {
            return Set.copyOf(events("inbox-changed").stream()
                    .map(event -> event.path("referralId").asText())
                    .toList());
        }
    }

    private Listener subscribe(Actor actor) {
        return subscribe(actor, LiveInboxController.PATH);
    }

    private Listener subscribe(Actor actor, String path) {
        Listener stream = new Listener();
        stream.subscription = events(client(actor), path).subscribe(event -> {
            if (event.data() == null) {
                return; // a heartbeat comment
            }
            stream.raw.add(event.data());
            try {
                stream.received.add(Map.entry(event.event(), json.readTree(event.data())));
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + event.data(), e);
            }
        });
        subscriptions.add(stream.subscription);
        return stream;
    }

    /** The server-sent events of the stream at {@code path}, as the client asks for them (answered 200). */
    private static Flux<ServerSentEvent<String>> events(WebTestClient client, String path) {
        return client.get()
                .uri(path)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .getResponseBody();
    }

    /** A client whose requests carry no token and no session. */
    private WebTestClient anonymous() {
        return WebTestClient.bindToApplicationContext(context)
                .apply(springSecurity())
                .configureClient()
                .build();
    }

    /** A client whose requests carry the actor as a verified token would, without Keycloak. */
    private WebTestClient client(Actor actor) {
        return ActorClients.webTestClient(context, actor);
    }

    private void append(ReferralId referralId, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>(
                "Referral", referralId.toString(), sequence, event, MetaData.with("userId", "someone")));
    }

    private static ReferralId newReferral() {
        return new ReferralId(UUID.randomUUID());
    }

    private static ReferralRaisedEvent raised(ReferralId referralId, ReferralType type, AgencyId receiving) {
        Instant at = Instant.now();
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        ReferralFacts facts = switch (type) {
            case ESOL_PLACEMENT -> new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.ONLINE), false, false);
            case OUT_OF_SCHOOL_SETTINGS_CONCERN ->
                new ReferralFacts.OutOfSchoolSettingsConcern(
                        SettingType.TUITION_CENTRE,
                        SettingSize.SMALL,
                        Set.of(ConcernCategory.HEALTH_AND_SAFETY),
                        false,
                        false,
                        false,
                        true);
            default -> new ReferralFacts.EmploymentSupport(Set.of(), Set.of(EmploymentProgramme.TRAINING));
        };
        return new ReferralRaisedEvent(
                referralId,
                type,
                BRADFORD,
                COUNCIL,
                receiving,
                new CaseId(subject.value()),
                subject,
                type == ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN ? LawfulBasis.PUBLIC_TASK : LawfulBasis.CONSENT,
                facts,
                new Sealed(subject, "c2VhbGVk"),
                null,
                at,
                null,
                at.plus(Duration.ofDays(14)));
    }

    private static Actor actor(String agency, PartnershipId partnership, Role role) {
        return new Actor(new UserId(UUID.randomUUID().toString()), new AgencyId(agency), partnership, EnumSet.of(role));
    }
}

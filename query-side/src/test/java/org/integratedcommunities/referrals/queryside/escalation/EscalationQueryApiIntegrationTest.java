package org.integratedcommunities.referrals.queryside.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.BRADFORD;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.WALSALL;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.actor;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.allegationAgainstStaff;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.esol;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.newReferral;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.raised;
import static org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.refugee;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoNotificationOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.MoveOnPeriodEndingEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.queryside.escalation.EscalationEvents.Appender;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The escalation list over HTTP (WebFlux, the application's own security chain, actors made by the application's own
 * token converter): who sees which escalations, who is refused, the filters, sort and paging, the problems with bad
 * parameters; and PostgreSQL's row-level security hiding the same rows on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class EscalationQueryApiIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("escalation_api");

    private static final AgencyId COUNCIL = new AgencyId("bradford-council-integration");
    private static final AgencyId ESOL = new AgencyId("bradford-esol");
    private static final AgencyId REFUGEE_CHARITY = new AgencyId("bradford-refugee-charity");
    private static final AgencyId OOS_TEAM = new AgencyId("bradford-oos-safeguarding");
    private static final AgencyId WALSALL_COUNCIL = new AgencyId("walsall-council");
    private static final AgencyId WALSALL_ESOL = new AgencyId("walsall-esol");
    /** An agency of its own for the filter, sort and paging test. */
    private static final AgencyId PAGED = new AgencyId("bradford-paged-escalations");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EscalationEvents.useDatabase(database, registry);
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
    ReadModelReads reads;

    @Autowired
    JdbcTemplate jdbc;

    private final Actor coordinator = actor(BRADFORD, "bradford-council-integration", Role.PARTNERSHIP_COORDINATOR);
    private final Actor walsallCoordinator = actor(WALSALL, "walsall-council", Role.PARTNERSHIP_COORDINATOR);
    private final Actor esolManager = actor(BRADFORD, "bradford-esol", Role.AGENCY_MANAGER, Role.AGENCY_WORKER);
    private final Actor refugeeManager = actor(BRADFORD, "bradford-refugee-charity", Role.AGENCY_MANAGER);
    private final Actor oosManager = actor(BRADFORD, "bradford-oos-safeguarding", Role.AGENCY_MANAGER);
    private final Actor safeguardingLead = actor(BRADFORD, "bradford-oos-safeguarding", Role.SAFEGUARDING_LEAD);

    private ReferralId esolOverdue;
    private ReferralId esolAccepted;
    private ReferralId moveOn;
    private ReferralId concern;
    private ReferralId walsallOverdue;

    @BeforeAll
    void escalations() {
        esolOverdue = newReferral();
        new Appender(eventStore, esolOverdue)
                .append(raised(esolOverdue, BRADFORD, COUNCIL, ESOL, esol(), at(0), at(1)))
                .append(acknowledgementOverdue(esolOverdue, BRADFORD, ESOL, ReferralType.ESOL_PLACEMENT, 1))
                .awaitApplied(jdbc);
        esolAccepted = newReferral();
        new Appender(eventStore, esolAccepted)
                .append(raised(esolAccepted, BRADFORD, COUNCIL, ESOL, esol(), at(0), at(1)))
                .append(acknowledgementOverdue(esolAccepted, BRADFORD, ESOL, ReferralType.ESOL_PLACEMENT, 1))
                .append(new ReferralAcceptedEvent(esolAccepted, new UserId("worker"), at(3)))
                .awaitApplied(jdbc);
        moveOn = newReferral();
        LocalDate granted = LocalDate.of(2026, 11, 2);
        new Appender(eventStore, moveOn)
                .append(raised(
                        moveOn,
                        BRADFORD,
                        COUNCIL,
                        REFUGEE_CHARITY,
                        refugee(granted, MoveOnNeed.BANK_ACCOUNT, MoveOnNeed.HOUSING_APPLICATION),
                        at(0),
                        at(1)))
                .append(new MoveOnPeriodEndingEvent(
                        moveOn,
                        BRADFORD,
                        REFUGEE_CHARITY,
                        granted.plusDays(28),
                        Set.of(MoveOnNeed.HOUSING_APPLICATION, MoveOnNeed.BANK_ACCOUNT),
                        at(2)))
                .awaitApplied(jdbc);
        concern = newReferral();
        new Appender(eventStore, concern)
                .append(raised(concern, BRADFORD, COUNCIL, OOS_TEAM, allegationAgainstStaff(), at(0), at(1)))
                .append(acknowledgementOverdue(
                        concern, BRADFORD, OOS_TEAM, ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN, 1))
                .append(new LadoNotificationOverdueEvent(concern, BRADFORD, OOS_TEAM, at(1), at(2)))
                .awaitApplied(jdbc);
        walsallOverdue = newReferral();
        new Appender(eventStore, walsallOverdue)
                .append(raised(walsallOverdue, WALSALL, WALSALL_COUNCIL, WALSALL_ESOL, esol(), at(0), at(1)))
                .append(acknowledgementOverdue(walsallOverdue, WALSALL, WALSALL_ESOL, ReferralType.ESOL_PLACEMENT, 1))
                .awaitApplied(jdbc);
    }

    @Test
    void theCoordinatorSeesEveryEscalationOfThePartnershipAndNoneOfAnother() {
        JsonNode all = page(coordinator, "/api/escalations?state=all&size=200");
        assertThat(referralIds(all))
                .contains(id(esolOverdue), id(esolAccepted), id(moveOn), id(concern))
                .doesNotContain(id(walsallOverdue));
        assertThat(referralIds(page(walsallCoordinator, "/api/escalations?state=all&size=200")))
                .contains(id(walsallOverdue))
                .doesNotContain(id(esolOverdue), id(esolAccepted), id(moveOn), id(concern));

        JsonNode item = itemsOf(all, moveOn).get(0);
        assertThat(item.get("kind").asText()).isEqualTo("MOVE_ON_PERIOD_ENDING");
        assertThat(item.get("referralType").asText()).isEqualTo("REFUGEE_POST_GRANT");
        assertThat(item.get("referringAgencyId").asText()).isEqualTo(COUNCIL.value());
        assertThat(item.get("receivingAgencyId").asText()).isEqualTo(REFUGEE_CHARITY.value());
        assertThat(Instant.parse(item.get("escalatedAt").asText())).isEqualTo(at(2));
        assertThat(item.get("dueOn").asText()).isEqualTo("2026-11-30");
        assertThat(Instant.parse(item.get("dueAt").asText())).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        List<String> needs = new ArrayList<>();
        item.get("openNeeds").forEach(need -> needs.add(need.asText()));
        assertThat(needs).containsExactlyInAnyOrder("BANK_ACCOUNT", "HOUSING_APPLICATION");
        assertThat(item.get("open").asBoolean()).isTrue();
        assertThat(item.get("resolvedAt").isNull()).isTrue();
        assertThat(item.get("resolution").isNull()).isTrue();
        assertThat(item.has("particulars") || item.has("caseId") || item.has("facts"))
                .as("no personal data, nothing sealed")
                .isFalse();

        JsonNode accepted = itemsOf(all, esolAccepted).get(0);
        assertThat(accepted.get("open").asBoolean()).isFalse();
        assertThat(accepted.get("resolution").asText()).isEqualTo("ACCEPTED");
        assertThat(Instant.parse(accepted.get("resolvedAt").asText())).isEqualTo(at(3));
        assertThat(Instant.parse(accepted.get("dueAt").asText())).isEqualTo(at(1));
        assertThat(accepted.get("dueOn").isNull()).isTrue();
        assertThat(accepted.get("openNeeds").isNull()).isTrue();
    }

    @Test
    void aManagerSeesOnlyTheEscalationsAgainstTheirOwnAgency() {
        assertThat(referralIds(page(esolManager, "/api/escalations?state=all&size=200")))
                .containsExactlyInAnyOrder(id(esolOverdue), id(esolAccepted));
        assertThat(referralIds(page(esolManager, "/api/escalations")))
                .as("open ones by default")
                .containsExactly(id(esolOverdue));
        assertThat(referralIds(page(refugeeManager, "/api/escalations?state=all")))
                .containsExactly(id(moveOn));
        assertThat(referralIds(page(esolManager, "/api/escalations?state=all&agency=bradford-refugee-charity")))
                .as("asking for another agency's shows nothing more")
                .isEmpty();
        Actor councilManager = actor(BRADFORD, "bradford-council-integration", Role.AGENCY_MANAGER);
        assertThat(referralIds(page(councilManager, "/api/escalations?state=all&size=200")))
                .as("the referring agency is not escalated to")
                .isEmpty();
        Actor walsallManagerOfSameName = actor(WALSALL, "bradford-esol", Role.AGENCY_MANAGER);
        assertThat(referralIds(page(walsallManagerOfSameName, "/api/escalations?state=all")))
                .as("Bradford's agency id claimed in Walsall")
                .isEmpty();
    }

    @Test
    void anOutOfSchoolConcernsEscalationsAreTheSafeguardingLeadsAndTheCoordinatorsNotThePlainManagers() {
        assertThat(itemsOf(page(safeguardingLead, "/api/escalations?state=all"), concern))
                .extracting(item -> item.get("kind").asText())
                .containsExactlyInAnyOrder("ACKNOWLEDGEMENT_OVERDUE", "LADO_NOTIFICATION_OVERDUE");
        assertThat(itemsOf(page(coordinator, "/api/escalations?state=all&size=200"), concern))
                .hasSize(2);
        assertThat(referralIds(page(oosManager, "/api/escalations?state=all"))).isEmpty();
    }

    @Test
    void theDatabaseAloneHidesWhatTheApplicationHides() {
        assertThat(rowsVisibleByTheDatabaseAlone(oosManager, concern)).isZero();
        assertThat(rowsVisibleByTheDatabaseAlone(safeguardingLead, concern)).isEqualTo(2);
        assertThat(rowsVisibleByTheDatabaseAlone(coordinator, concern)).isEqualTo(2);
        assertThat(rowsVisibleByTheDatabaseAlone(walsallCoordinator, concern)).isZero();
        assertThat(rowsVisibleByTheDatabaseAlone(esolManager, esolOverdue)).isEqualTo(1);
        assertThat(rowsVisibleByTheDatabaseAlone(refugeeManager, esolOverdue)).isZero();
        assertThat(rowsVisibleByTheDatabaseAlone(actor(BRADFORD, "bradford-esol", Role.AGENCY_WORKER), esolOverdue))
                .as("an agency worker")
                .isZero();
        assertThat(reads.read(
                                coordinator,
                                read -> read.jdbc()
                                        .getJdbcTemplate()
                                        .queryForObject(
                                                "SELECT count(*) FROM read_model.escalation_referral", Long.class))
                        .block())
                .as("the bookkeeping is nobody's to read")
                .isZero();
    }

    @Test
    void callersWhoAreNotEscalatedToAreRefused() {
        for (Role role : List.of(Role.CASEWORKER, Role.AGENCY_WORKER, Role.AUDITOR, Role.ADMIN)) {
            JsonNode problem = client(actor(BRADFORD, "bradford-esol", role))
                    .get()
                    .uri("/api/escalations?state=all&size=500")
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(problem.get("detail").asText())
                    .as(role.name())
                    .isEqualTo("Your role does not allow you to see escalations.");
            assertThat(problem.has("items")).isFalse();
        }
    }

    @Test
    void theListFiltersSortsAndPages() {
        // Five ESOL referrals to an agency of their own, escalated an hour apart, due in the opposite order; the
        // first one was accepted since.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ReferralId id = newReferral();
            ids.add(id.toString());
            Appender events = new Appender(eventStore, id)
                    .append(raised(id, BRADFORD, COUNCIL, PAGED, esol(), at(0), at(20 - i)))
                    .append(new AcknowledgementOverdueEvent(
                            id, BRADFORD, PAGED, ReferralType.ESOL_PLACEMENT, at(20 - i), at(30 + i)));
            if (i == 0) {
                events.append(new ReferralAcceptedEvent(id, new UserId("worker"), at(40)));
            }
            events.awaitApplied(jdbc);
        }
        String base = "/api/escalations?agency=" + PAGED.value();

        assertThat(referralIds(page(coordinator, base)))
                .as("open, newest first")
                .containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1));
        assertThat(referralIds(page(coordinator, base + "&state=resolved"))).containsExactly(ids.get(0));
        assertThat(referralIds(page(coordinator, base + "&state=ALL&sort=escalatedAt,asc")))
                .containsExactlyElementsOf(ids);
        assertThat(referralIds(page(coordinator, base + "&state=all&sort=dueAt")))
                .as("soonest due first")
                .containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(referralIds(page(coordinator, base + "&state=all&sort=dueAt,desc")))
                .containsExactlyElementsOf(ids);
        assertThat(referralIds(
                        page(coordinator, base + "&state=all&kind=acknowledgement_overdue,MOVE_ON_PERIOD_ENDING")))
                .hasSize(5);
        assertThat(referralIds(page(coordinator, base + "&state=all&kind=LADO_NOTIFICATION_OVERDUE")))
                .isEmpty();
        assertThat(referralIds(page(coordinator, base + "&state=all&type=ESOL_PLACEMENT&type=REFUGEE_POST_GRANT")))
                .hasSize(5);
        assertThat(referralIds(page(coordinator, base + "&state=all&type=REFUGEE_POST_GRANT")))
                .isEmpty();
        assertThat(referralIds(page(coordinator, "/api/escalations?state=all&size=200&kind=MOVE_ON_PERIOD_ENDING")))
                .containsExactly(id(moveOn));

        JsonNode second = page(coordinator, base + "&state=all&size=2&page=1");
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(2);
        assertThat(second.get("total").asLong()).isEqualTo(5);
        assertThat(referralIds(second)).containsExactly(ids.get(2), ids.get(1));
        JsonNode beyond = page(coordinator, base + "&state=all&size=2&page=3");
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(5);
    }

    @Test
    void badParametersAnswer400WithAnErrorForEachFieldAndNothingElse() {
        JsonNode problem = client(coordinator)
                .get()
                .uri("/api/escalations?state=sideways&kind=ACKNOWLEDGEMENT_OVERDUE,LOST&type=CAKE&agency=Not%20An%20Id"
                        + "&sort=name&page=-1&size=201")
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
        assertThat(fields).containsExactlyInAnyOrder("state", "kind", "type", "agency", "sort", "page", "size");
        assertThat(problem.has("items")).as("nothing else").isFalse();
        assertThat(problem.toString()).doesNotContain("Exception", "java.");

        for (String bad :
                List.of("size=0", "page=abc", "sort=dueAt,sideways", "sort=escalatedAt,asc,desc", "page=10001")) {
            client(coordinator)
                    .get()
                    .uri("/api/escalations?" + bad)
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
        }
        page(coordinator, "/api/escalations?size=200&page=10000&sort=dueAt,ASC&state=Open");
    }

    // -----------------------------------------------------------------------------------------------------------------

    /** A time on a fixed scale, so that every event's time is known and distinct. */
    private static Instant at(int step) {
        return Instant.parse("2026-11-20T09:00:00Z").plus(Duration.ofHours(step));
    }

    private static AcknowledgementOverdueEvent acknowledgementOverdue(
            ReferralId id, PartnershipId partnership, AgencyId receiving, ReferralType type, int due) {
        return new AcknowledgementOverdueEvent(id, partnership, receiving, type, at(due), at(due + 1));
    }

    private long rowsVisibleByTheDatabaseAlone(Actor actor, ReferralId id) {
        return reads.read(
                        actor,
                        read -> read.jdbc()
                                .queryForObject(
                                        "SELECT count(*) FROM read_model.escalation WHERE referral_id = :id",
                                        Map.of("id", id.value()),
                                        Long.class))
                .block();
    }

    private JsonNode page(Actor actor, String uri) {
        return client(actor)
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<String> referralIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("referralId").asText()));
        return ids;
    }

    private static List<JsonNode> itemsOf(JsonNode page, ReferralId id) {
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(item -> {
            if (item.get("referralId").asText().equals(id.toString())) {
                items.add(item);
            }
        });
        return items;
    }

    private static String id(ReferralId id) {
        return id.toString();
    }

    /** A client whose requests carry the actor as a verified token would, made by the application's converter. */
    private WebTestClient client(Actor actor) {
        return ActorClients.webTestClient(context, actor);
    }
}

package org.integratedcommunities.referrals.queryside.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.flywaydb.core.Flyway;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.ConcernCategory;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.EmploymentOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.EmploymentProgramme;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.MoveOnOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SafeguardingAction;
import org.integratedcommunities.referrals.kernel.referral.SettingSize;
import org.integratedcommunities.referrals.kernel.referral.SettingType;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.queryside.ui.BarChart;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The partnership indicators over HTTP, from realistic referral lifecycles in two partnerships appended to the real
 * event store and projected by the application's own processors: exact figures and small-number suppression as the
 * coordinator sees them, isolation between partnerships, refusal for every other role, idempotency under redelivery,
 * and the period's parameters.
 *
 * <p>Bradford's referrals, made in month M (two months ago) unless said otherwise:
 *
 * <pre>
 *   E1-E7  ESOL to the ESOL provider: E1-E5 accepted after 1-5 h, E6 overdue then accepted after 100 h, E7 overdue;
 *          outcomes E1-E3 placed at Entry 1, E4-E5 at Entry 2, E6 waiting list
 *   X      ESOL to the ESOL provider, raised in M2 but made on M's last day (recorded later): counts in M
 *   Y1-Y5  ESOL to the ESOL provider made in M2 (last month), accepted after 10 h
 *   J1-J6  employment support to Jobcentre Plus, accepted after 1-6 h; job starts of 10, 20, 20, 35, 40, 45 hours
 *   D1-D13 refugee post-grant to the refugee charity, declined: 6 no capacity (D1 after a question and answer; D2
 *          then redirected to the council), 5 duplicate, 2 not eligible; each needs a housing application, the
 *          move-on period over
 *   R1-R6  refugee post-grant to the refugee charity, accepted after 1 h; R1-R5 need a bank account and GP
 *          registration (period over), R6 a bank account (period still running)
 *   O1-O5  out-of-school concerns to the safeguarding team, accepted after 1 h; outcomes for O1-O3
 * </pre>
 *
 * and Walsall's: seven ESOL referrals, one declined.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class PartnershipIndicatorsIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("indicators");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final PartnershipId BRADFORD = new PartnershipId("bradford");
    private static final PartnershipId WALSALL = new PartnershipId("walsall");
    private static final AgencyId COUNCIL = new AgencyId("bradford-council");
    private static final AgencyId ESOL = new AgencyId("bradford-esol");
    private static final AgencyId JOBCENTRE = new AgencyId("bradford-jobcentre");
    private static final AgencyId REFUGEE = new AgencyId("bradford-refugee");
    private static final AgencyId OOS = new AgencyId("bradford-oos");

    private static final YearMonth M = YearMonth.now(LONDON).minusMonths(2);
    private static final YearMonth M2 = M.plusMonths(1);
    private static final Instant BASE = M.atDay(10).atTime(9, 0).atZone(LONDON).toInstant();
    private static final Instant BASE2 =
            M2.atDay(10).atTime(9, 0).atZone(LONDON).toInstant();
    private static final LocalDate BASE_DAY = M.atDay(10);

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

    @Autowired
    ApplicationContext context;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    PartnershipIndicatorsProjection projection;

    @Autowired
    ReadModelReads reads;

    private final Actor councilCaseworker = actor(BRADFORD, COUNCIL, Role.CASEWORKER);
    private final Actor esolWorker = actor(BRADFORD, ESOL, Role.AGENCY_WORKER);
    private final Actor jobcentreWorker = actor(BRADFORD, JOBCENTRE, Role.AGENCY_WORKER);
    private final Actor refugeeWorker = actor(BRADFORD, REFUGEE, Role.AGENCY_WORKER);
    private final Actor safeguardingLead = actor(BRADFORD, OOS, Role.SAFEGUARDING_LEAD);
    private final Actor coordinator = actor(BRADFORD, COUNCIL, Role.PARTNERSHIP_COORDINATOR);
    private final Actor walsallCoordinator =
            actor(WALSALL, new AgencyId("walsall-council"), Role.PARTNERSHIP_COORDINATOR);

    /** Every event appended, in order, and each referral's newest sequence. */
    private final List<DomainEventMessage<?>> appended = new ArrayList<>();

    private final Map<ReferralId, Long> versions = new LinkedHashMap<>();

    @BeforeAll
    void appendTheReferralsOfBothPartnerships() {
        esolReferrals();
        employmentReferrals();
        declinedRefugeeReferrals();
        moveOnReferrals();
        outOfSchoolConcerns();
        walsall();
        awaitProjected();
    }

    @AfterAll
    void stopProcessorsThenDropTheDatabase() {
        QuerySideTestSupport.stopProcessorsAndDrop(context.getBean(EventProcessingConfiguration.class), database);
    }

    @Test
    void theCoordinatorSeesTheExactFiguresWithSmallNumbersSuppressed() {
        JsonNode indicators = indicators(coordinator, "?from=" + M + "&to=" + M2);
        assertThat(indicators.get("partnershipId").asText()).isEqualTo("bradford");
        assertThat(indicators.get("from").asText()).isEqualTo(M.toString());
        assertThat(indicators.get("to").asText()).isEqualTo(M2.toString());

        // Referrals: D2's council cell is 1, so the refugee charity's cell goes with it (the refugee type's total),
        // and the protection spreads through the linked totals until no suppressed count can be worked out.
        JsonNode referrals = indicators.get("referrals");
        shown(referrals.get("total"), 43);
        shown(byKey(referrals.get("byType"), "type", "ESOL_PLACEMENT", "referrals"), 13);
        shown(byKey(referrals.get("byType"), "type", "REFUGEE_POST_GRANT", "referrals"), 19);
        hidden(byKey(referrals.get("byType"), "type", "EMPLOYMENT_SUPPORT", "referrals"));
        hidden(byKey(referrals.get("byType"), "type", "OUT_OF_SCHOOL_SETTINGS_CONCERN", "referrals"));
        JsonNode byAgency = referrals.get("byReceivingAgency");
        assertThat(keys(byAgency, "receivingAgencyId"))
                .containsExactly(
                        "bradford-council", "bradford-esol", "bradford-jobcentre", "bradford-oos", "bradford-refugee");
        shown(byKey(byAgency, "receivingAgencyId", "bradford-esol", "referrals"), 13);
        for (String agency : List.of("bradford-council", "bradford-jobcentre", "bradford-oos", "bradford-refugee")) {
            hidden(byKey(byAgency, "receivingAgencyId", agency, "referrals"));
        }
        Map<String, JsonNode> cells = new LinkedHashMap<>();
        referrals
                .get("byMonthTypeAndAgency")
                .forEach(cell -> cells.put(
                        cell.get("month").asText() + " " + cell.get("type").asText() + " "
                                + cell.get("receivingAgencyId").asText(),
                        cell.get("referrals")));
        assertThat(cells)
                .containsOnlyKeys(
                        M + " ESOL_PLACEMENT bradford-esol",
                        M2 + " ESOL_PLACEMENT bradford-esol",
                        M + " EMPLOYMENT_SUPPORT bradford-jobcentre",
                        M + " REFUGEE_POST_GRANT bradford-refugee",
                        M + " REFUGEE_POST_GRANT bradford-council",
                        M + " OUT_OF_SCHOOL_SETTINGS_CONCERN bradford-oos");
        shown(cells.get(M + " ESOL_PLACEMENT bradford-esol"), 8); // X counts in the month it was made
        shown(cells.get(M2 + " ESOL_PLACEMENT bradford-esol"), 5);
        hidden(cells.get(M + " EMPLOYMENT_SUPPORT bradford-jobcentre"));
        hidden(cells.get(M + " REFUGEE_POST_GRANT bradford-refugee"));
        hidden(cells.get(M + " REFUGEE_POST_GRANT bradford-council"));
        hidden(cells.get(M + " OUT_OF_SCHOOL_SETTINGS_CONCERN bradford-oos"));
        Map<String, JsonNode> monthAndType = new LinkedHashMap<>();
        referrals
                .get("byMonthAndType")
                .forEach(cell -> monthAndType.put(
                        cell.get("month").asText() + " " + cell.get("type").asText(), cell.get("referrals")));
        assertThat(monthAndType)
                .containsOnlyKeys(
                        M + " ESOL_PLACEMENT",
                        M2 + " ESOL_PLACEMENT",
                        M + " EMPLOYMENT_SUPPORT",
                        M + " REFUGEE_POST_GRANT",
                        M + " OUT_OF_SCHOOL_SETTINGS_CONCERN");
        shown(monthAndType.get(M + " ESOL_PLACEMENT"), 8);
        shown(monthAndType.get(M2 + " ESOL_PLACEMENT"), 5);
        shown(monthAndType.get(M + " REFUGEE_POST_GRANT"), 19); // both agencies' cells hidden, their sum is the type's
        hidden(monthAndType.get(M + " EMPLOYMENT_SUPPORT"));
        hidden(monthAndType.get(M + " OUT_OF_SCHOOL_SETTINGS_CONCERN"));

        // Acknowledgement: ESOL's one overdue unacknowledged referral takes the acknowledged count with it.
        JsonNode esol = byKey(indicators.get("acknowledgement"), "type", "ESOL_PLACEMENT", null);
        hidden(esol.get("acknowledged"));
        hidden(esol.get("overdueUnacknowledged"));
        shown(esol.get("slaDue"), 12);
        figure(esol.get("medianHoursToAcknowledge"), "10.0");
        figure(esol.get("percentWithinSla"), "83"); // 10 of 12
        JsonNode employment = byKey(indicators.get("acknowledgement"), "type", "EMPLOYMENT_SUPPORT", null);
        shown(employment.get("acknowledged"), 6);
        shown(employment.get("overdueUnacknowledged"), 0);
        figure(employment.get("medianHoursToAcknowledge"), "3.5");
        figure(employment.get("percentWithinSla"), "100");
        JsonNode refugee = byKey(indicators.get("acknowledgement"), "type", "REFUGEE_POST_GRANT", null);
        shown(refugee.get("acknowledged"), 19); // D1: its question was the acknowledgement, not its late decline
        figure(refugee.get("medianHoursToAcknowledge"), "1.0");
        figure(refugee.get("percentWithinSla"), "100");
        JsonNode concerns = byKey(indicators.get("acknowledgement"), "type", "OUT_OF_SCHOOL_SETTINGS_CONCERN", null);
        shown(concerns.get("acknowledged"), 5);
        figure(concerns.get("medianHoursToAcknowledge"), "1.0");

        // Declines: "not eligible" (2) is small, so the smallest other reason (duplicate, 5) is suppressed too.
        JsonNode declines = indicators.get("declines");
        shown(declines.get("total"), 13);
        shown(category(declines.get("byReason"), "NO_CAPACITY"), 6);
        hidden(category(declines.get("byReason"), "DUPLICATE"));
        hidden(category(declines.get("byReason"), "NOT_ELIGIBLE"));
        shown(category(declines.get("byReason"), "PERSON_DECLINED"), 0);
        assertThat(keys(declines.get("byReason"), "category")).hasSize(DeclineReason.values().length);

        JsonNode outcomes = indicators.get("outcomes");
        JsonNode jobs = outcomes.get("employment");
        shown(jobs.get("total"), 6);
        shown(category(jobs.get("byKind"), "JOB_START"), 6);
        shown(category(jobs.get("byKind"), "NOT_ENGAGED"), 0);
        shown(jobs.get("jobStarts"), 6);
        hidden(category(jobs.get("jobStartsByHoursPerWeek"), "UNDER_16"));
        hidden(category(jobs.get("jobStartsByHoursPerWeek"), "FROM_16_TO_29"));
        hidden(category(jobs.get("jobStartsByHoursPerWeek"), "FROM_30"));

        // ESOL: the waiting list (1) takes the placements (5) with it, and so the placements' total is suppressed.
        JsonNode esolOutcomes = outcomes.get("esol");
        shown(esolOutcomes.get("total"), 6);
        hidden(category(esolOutcomes.get("byKind"), "WAITING_LIST"));
        hidden(category(esolOutcomes.get("byKind"), "PLACED_ON_COURSE"));
        hidden(esolOutcomes.get("placements"));
        hidden(category(esolOutcomes.get("placementsByLevel"), "ENTRY_1"));
        hidden(category(esolOutcomes.get("placementsByLevel"), "ENTRY_2"));
        shown(category(esolOutcomes.get("placementsByLevel"), "LEVEL_2"), 0);

        JsonNode bank = byKey(outcomes.get("moveOnNeeds"), "need", "BANK_ACCOUNT", null);
        shown(bank.get("referrals"), 6);
        hidden(bank.get("stillOpen")); // R6
        hidden(bank.get("metBeforeDeadline")); // 5, protecting R6
        shown(bank.get("notMetByDeadline"), 0);
        JsonNode gp = byKey(outcomes.get("moveOnNeeds"), "need", "GP_REGISTRATION", null);
        shown(gp.get("referrals"), 5);
        hidden(gp.get("metBeforeDeadline")); // R1
        hidden(gp.get("notMetByDeadline")); // R2 and R4 late, R3 and R5 never
        shown(gp.get("stillOpen"), 0);
        JsonNode housing = byKey(outcomes.get("moveOnNeeds"), "need", "HOUSING_APPLICATION", null);
        shown(housing.get("referrals"), 13);
        shown(housing.get("metBeforeDeadline"), 0);
        shown(housing.get("notMetByDeadline"), 13);
        shown(byKey(outcomes.get("moveOnNeeds"), "need", "EVISA_ACCESS", "referrals"), 0);

        JsonNode oos = outcomes.get("outOfSchoolConcerns");
        shown(oos.get("concerns"), 5);
        shown(category(oos.get("byCategory"), "SAFEGUARDING"), 5);
        hidden(category(oos.get("byCategory"), "HEALTH_AND_SAFETY"));
        hidden(category(oos.get("byCategory"), "STAFF_SUITABILITY"));
        shown(category(oos.get("byCategory"), "CORPORAL_PUNISHMENT"), 0);
        hidden(oos.get("withOutcome"));
        hidden(category(oos.get("byAction"), "ADVICE_TO_SETTING"));
        hidden(category(oos.get("byAction"), "JOINT_VISIT"));
        shown(category(oos.get("byAction"), "REFERRED_TO_POLICE"), 0);

        assertThat(indicators.toString())
                .as("aggregated figures only")
                .doesNotContain("referralId", "caseId", "c2VhbGVk");
        assertThat(indicators.findValues("count"))
                .as("no exact number beside a suppressed count")
                .allMatch(JsonNode::isNumber);
        indicators.findParents("suppressed").stream()
                .filter(count -> count.get("suppressed").asBoolean())
                .forEach(count -> assertThat(count.has("count") || count.has("value"))
                        .as("suppressed: %s", count)
                        .isFalse());
    }

    @Test
    void aPeriodCountsTheReferralsMadeInItsMonthsAndTheDefaultIsTheLastTwelve() {
        JsonNode lastMonth = indicators(coordinator, "?from=" + M2 + "&to=" + M2);
        shown(lastMonth.get("referrals").get("total"), 5); // Y1-Y5; X was made in M although raised in M2
        shown(byKey(lastMonth.get("referrals").get("byType"), "type", "ESOL_PLACEMENT", "referrals"), 5);
        shown(byKey(lastMonth.get("referrals").get("byType"), "type", "REFUGEE_POST_GRANT", "referrals"), 0);
        JsonNode esol = byKey(lastMonth.get("acknowledgement"), "type", "ESOL_PLACEMENT", null);
        shown(esol.get("acknowledged"), 5);
        figure(esol.get("medianHoursToAcknowledge"), "10.0");
        figure(esol.get("percentWithinSla"), "100");
        JsonNode employment = byKey(lastMonth.get("acknowledgement"), "type", "EMPLOYMENT_SUPPORT", null);
        assertThat(employment.get("medianHoursToAcknowledge").get("display").asText())
                .isEqualTo("[z]");
        shown(lastMonth.get("declines").get("total"), 0);

        JsonNode byDefault = indicators(coordinator, "");
        YearMonth current = YearMonth.now(LONDON);
        assertThat(byDefault.get("from").asText())
                .isEqualTo(current.minusMonths(11).toString());
        assertThat(byDefault.get("to").asText()).isEqualTo(current.toString());
        JsonNode explicit = indicators(coordinator, "?from=" + current.minusMonths(11) + "&to=" + current);
        assertThat(byDefault).isEqualTo(explicit);
        shown(byDefault.get("referrals").get("total"), 43);
    }

    @Test
    void theOtherPartnershipsCoordinatorSeesOnlyItsOwnReferrals() {
        JsonNode walsall = indicators(walsallCoordinator, "?from=" + M + "&to=" + M2);
        assertThat(walsall.get("partnershipId").asText()).isEqualTo("walsall");
        shown(walsall.get("referrals").get("total"), 7);
        assertThat(keys(walsall.get("referrals").get("byReceivingAgency"), "receivingAgencyId"))
                .containsExactly("walsall-esol");
        hidden(walsall.get("declines").get("total"));
        shown(walsall.get("outcomes").get("outOfSchoolConcerns").get("concerns"), 0);
        assertThat(walsall.toString()).doesNotContain("bradford");

        assertThat(indicators(coordinator, "?from=" + M + "&to=" + M2).toString())
                .doesNotContain("walsall");
    }

    @Test
    void theDatabaseShowsTheRowsOnlyToTheCoordinatorOfTheirPartnership() {
        assertThat(visibleRows(coordinator)).isEqualTo(versions.size() - 7);
        assertThat(visibleRows(walsallCoordinator)).isEqualTo(7);
        for (Actor other : List.of(councilCaseworker, esolWorker, safeguardingLead, auditor(), admin())) {
            assertThat(visibleRows(other)).as("%s", other.roles()).isZero();
        }
    }

    @Test
    void everyoneButThePartnershipCoordinatorIsRefused() {
        List<Actor> others = List.of(
                councilCaseworker,
                esolWorker,
                actor(BRADFORD, ESOL, Role.AGENCY_MANAGER),
                safeguardingLead,
                auditor(),
                admin(),
                actor(BRADFORD, COUNCIL, Role.CASEWORKER, Role.AGENCY_WORKER, Role.AGENCY_MANAGER));
        for (Actor other : others) {
            JsonNode problem = client(other)
                    .get()
                    .uri("/api/indicators?from=nonsense")
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(problem.get("detail").asText())
                    .as("%s", other.roles())
                    .isEqualTo("Your role does not allow you to see the partnership's indicators.");
            assertThat(problem.get("status").asInt()).isEqualTo(403);
        }
    }

    @Test
    void redeliveredEventsChangeNothing() {
        String tableBefore = tableChecksum();
        JsonNode before = indicators(coordinator, "?from=" + M + "&to=" + M2);

        // As Axon would redeliver them after a crash between a batch's writes and its token: the same events again.
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> appended.forEach(event -> {
                    try {
                        handlers.handle(event);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));

        assertThat(tableChecksum()).isEqualTo(tableBefore);
        assertThat(indicators(coordinator, "?from=" + M + "&to=" + M2)).isEqualTo(before);
    }

    @Test
    void badParametersAnswer400WithAnErrorForEachField() {
        JsonNode problem = badRequest("?from=2026-13&to=last-month");
        assertThat(problem.get("title").asText()).isEqualTo("Invalid request");
        assertThat(fields(problem)).containsExactlyInAnyOrder("from", "to");
        assertThat(problem.toString()).doesNotContain("Exception", "java.");

        YearMonth current = YearMonth.now(LONDON);
        assertThat(fields(badRequest("?from=" + current + "&to=" + current.minusMonths(1))))
                .containsExactly("from");
        assertThat(fields(badRequest("?from=" + current.minusMonths(36) + "&to=" + current)))
                .containsExactly("to");
        assertThat(fields(badRequest("?to=" + current.plusMonths(1)))).containsExactly("to");
        client(coordinator)
                .get()
                .uri("/api/indicators?from=" + current.minusMonths(35) + "&to=" + current)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void theCoordinatorsPageDrawsThePublishedFiguresAndNeverASuppressedOneAsABar() {
        String page = page(coordinator, period(M, M2), 200);
        assertThat(page)
                .contains("<h1 class=\"govuk-heading-l\">Partnership indicators</h1>")
                .contains(IndicatorCharts.month(M) + " to " + IndicatorCharts.month(M2))
                .contains("id=\"suppression-note\"")
                .contains("aria-current=\"page\">Indicators</a>");
        String esol = figure(page, "referrals-esol-placement");
        assertThat(esol)
                .as("ESOL: 8 in M and 5 in M2, drawn, the larger filling the plot")
                .contains("<svg", "<rect", ">8</text>", ">5</text>", "width=\"" + BarChart.PLOT_WIDTH + ".0\"")
                .contains("<td class=\"govuk-table__cell govuk-table__cell--numeric\">8</td>");
        String employment = figure(page, "referrals-employment-support");
        assertThat(employment)
                .as("employment support's month is suppressed: text, never a bar")
                .contains(">&lt;5</text>")
                .contains("<td class=\"govuk-table__cell govuk-table__cell--numeric\">&lt;5</td>")
                .doesNotContain("<rect");
        assertThat(figure(page, "acknowledgement-within-sla")).contains(">83</text>");
        assertThat(figure(page, "declines-by-reason")).contains("No capacity");
        assertThat(page(coordinator, "", 200))
                .as("without a period: the last twelve months, shown in the form")
                .contains("value=\"" + YearMonth.now(LONDON).getMonthValue() + "\"")
                .contains("<svg");
    }

    @Test
    void aPeriodThatIsNotOneShowsTheErrorSummaryAndNoFigures() {
        String notAMonth = page(coordinator, "?from-month=13&from-year=2026&to-month=1&to-year=26", 400);
        assertThat(notAMonth)
                .contains("<title>Error: Partnership indicators")
                .contains("There is a problem")
                .contains("<a href=\"#period-from-month\">The first month must be a real month and year</a>")
                .contains("<a href=\"#period-to-month\">The last month must be a real month and year</a>")
                .contains("value=\"13\"")
                .doesNotContain("<svg", "suppression-note");
        YearMonth current = YearMonth.now(LONDON);
        assertThat(page(coordinator, period(current, current.minusMonths(1)), 400))
                .contains("The first month must be the same as or before the last month");
        assertThat(page(coordinator, period(current.minusMonths(1), current.plusMonths(1)), 400))
                .contains("The last month must be this month or earlier");
        assertThat(page(coordinator, period(current.minusMonths(36), current), 400))
                .contains("The period must be 36 months or shorter");
    }

    @Test
    void everyoneButThePartnershipCoordinatorGetsThe403Page() {
        for (Actor other : List.of(councilCaseworker, esolWorker, safeguardingLead, auditor())) {
            assertThat(page(other, period(M, M2), 403))
                    .as("%s", other.roles())
                    .contains("You cannot see this page")
                    .doesNotContain("<svg");
        }
        assertThat(page(esolWorker, "", 403)).doesNotContain("Indicators</a>");
    }

    // The referrals -------------------------------------------------------------------------------------------------

    private void esolReferrals() {
        Instant due = BASE.plus(Duration.ofHours(48));
        List<EsolLevel> placedAt =
                List.of(EsolLevel.ENTRY_1, EsolLevel.ENTRY_1, EsolLevel.ENTRY_1, EsolLevel.ENTRY_2, EsolLevel.ENTRY_2);
        for (int i = 1; i <= 5; i++) {
            Referral e = raise(councilCaseworker, ESOL, esolFacts(), BASE, null, due);
            e.then(esolWorker, new ReferralAcceptedEvent(e.id, esolWorker.userId(), hoursAfter(BASE, i)));
            e.then(
                    esolWorker,
                    new ReferralOutcomeRecordedEvent(
                            e.id,
                            new ReferralOutcome.EsolPlacement(
                                    EsolOutcomeKind.PLACED_ON_COURSE, placedAt.get(i - 1), BASE_DAY.plusDays(30)),
                            null,
                            hoursAfter(BASE, 50)));
        }
        Referral late = raise(councilCaseworker, ESOL, esolFacts(), BASE, null, due);
        late.then(null, overdue(late, ESOL, due))
                .then(esolWorker, new ReferralAcceptedEvent(late.id, esolWorker.userId(), hoursAfter(BASE, 100)))
                .then(
                        esolWorker,
                        new ReferralOutcomeRecordedEvent(
                                late.id,
                                new ReferralOutcome.EsolPlacement(EsolOutcomeKind.WAITING_LIST, null, null),
                                null,
                                hoursAfter(BASE, 120)));
        Referral neverAcknowledged = raise(councilCaseworker, ESOL, esolFacts(), BASE, null, due);
        neverAcknowledged.then(null, overdue(neverAcknowledged, ESOL, due));

        // Made by phone on M's last day, recorded in M2: the month it was made is M.
        Instant recordedAt = M2.atDay(3).atTime(10, 0).atZone(LONDON).toInstant();
        raise(councilCaseworker, ESOL, esolFacts(), recordedAt, M.atEndOfMonth(), recordedAt.plus(Duration.ofDays(14)));

        for (int i = 1; i <= 5; i++) {
            Referral y = raise(councilCaseworker, ESOL, esolFacts(), BASE2, null, BASE2.plus(Duration.ofHours(48)));
            y.then(esolWorker, new ReferralAcceptedEvent(y.id, esolWorker.userId(), hoursAfter(BASE2, 10)));
        }
    }

    private void employmentReferrals() {
        int[] hours = {10, 20, 20, 35, 40, 45};
        for (int i = 1; i <= 6; i++) {
            Referral j = raise(
                    councilCaseworker,
                    JOBCENTRE,
                    new ReferralFacts.EmploymentSupport(Set.of(), Set.of(EmploymentProgramme.TRAINING)),
                    BASE,
                    null,
                    BASE.plus(Duration.ofDays(7)));
            j.then(jobcentreWorker, new ReferralAcceptedEvent(j.id, jobcentreWorker.userId(), hoursAfter(BASE, i)))
                    .then(
                            jobcentreWorker,
                            new ReferralOutcomeRecordedEvent(
                                    j.id,
                                    new ReferralOutcome.EmploymentSupport(
                                            EmploymentOutcomeKind.JOB_START, hours[i - 1]),
                                    null,
                                    hoursAfter(BASE, 24 * 20)));
        }
    }

    private void declinedRefugeeReferrals() {
        Instant due = BASE.plus(Duration.ofHours(48));
        ReferralFacts facts =
                new ReferralFacts.RefugeePostGrant(BASE_DAY.minusDays(1), 28, Set.of(MoveOnNeed.HOUSING_APPLICATION));
        List<DeclineReason> reasons = new ArrayList<>();
        reasons.addAll(List.of(DeclineReason.NO_CAPACITY, DeclineReason.NO_CAPACITY, DeclineReason.NO_CAPACITY));
        reasons.addAll(List.of(DeclineReason.NO_CAPACITY, DeclineReason.NO_CAPACITY, DeclineReason.NO_CAPACITY));
        for (int i = 0; i < 5; i++) {
            reasons.add(DeclineReason.DUPLICATE);
        }
        reasons.addAll(List.of(DeclineReason.NOT_ELIGIBLE, DeclineReason.NOT_ELIGIBLE));
        for (int i = 0; i < reasons.size(); i++) {
            Referral d = raise(councilCaseworker, REFUGEE, facts, BASE, null, due);
            if (i == 0) {
                // A question first: that is the acknowledgement; the decline comes long after.
                d.then(
                                refugeeWorker,
                                new ReferralReturnedForInformationEvent(
                                        d.id, sealed("cXVlc3Rpb24"), hoursAfter(BASE, 1)))
                        .then(
                                councilCaseworker,
                                new InformationProvidedEvent(
                                        d.id, sealed("YW5zd2Vy"), hoursAfter(BASE, 5), hoursAfter(BASE, 53)))
                        .then(
                                refugeeWorker,
                                new ReferralDeclinedEvent(d.id, reasons.get(i), null, hoursAfter(BASE, 200)));
            } else {
                d.then(refugeeWorker, new ReferralDeclinedEvent(d.id, reasons.get(i), null, hoursAfter(BASE, 1)));
            }
            if (i == 1) {
                d.then(
                        councilCaseworker,
                        new ReferralRedirectedEvent(d.id, REFUGEE, COUNCIL, hoursAfter(BASE, 2), hoursAfter(BASE, 50)));
            }
        }
    }

    private void moveOnReferrals() {
        Instant due = BASE.plus(Duration.ofHours(48));
        List<Referral> r = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Referral referral = raise(
                    councilCaseworker,
                    REFUGEE,
                    new ReferralFacts.RefugeePostGrant(
                            BASE_DAY.minusDays(1), 28, Set.of(MoveOnNeed.BANK_ACCOUNT, MoveOnNeed.GP_REGISTRATION)),
                    BASE,
                    null,
                    due);
            referral.then(
                            refugeeWorker,
                            new ReferralAcceptedEvent(referral.id, refugeeWorker.userId(), hoursAfter(BASE, 1)))
                    .then(refugeeWorker, progress(referral, Set.of(MoveOnNeed.BANK_ACCOUNT), daysAfter(BASE, 1)));
            r.add(referral);
        }
        r.get(0)
                .then(refugeeWorker, progress(r.get(0), Set.of(MoveOnNeed.GP_REGISTRATION), daysAfter(BASE, 2)))
                .then(
                        refugeeWorker,
                        moveOnOutcome(
                                r.get(0),
                                MoveOnOutcomeKind.ALL_NEEDS_MET,
                                Set.of(MoveOnNeed.BANK_ACCOUNT, MoveOnNeed.GP_REGISTRATION),
                                daysAfter(BASE, 3)));
        r.get(1).then(refugeeWorker, progress(r.get(1), Set.of(MoveOnNeed.GP_REGISTRATION), daysAfter(BASE, 40)));
        r.get(2)
                .then(
                        refugeeWorker,
                        moveOnOutcome(
                                r.get(2),
                                MoveOnOutcomeKind.SOME_NEEDS_MET,
                                Set.of(MoveOnNeed.BANK_ACCOUNT),
                                daysAfter(BASE, 41)));
        r.get(3)
                .then(
                        refugeeWorker,
                        moveOnOutcome(
                                r.get(3),
                                MoveOnOutcomeKind.SOME_NEEDS_MET,
                                Set.of(MoveOnNeed.GP_REGISTRATION, MoveOnNeed.BANK_ACCOUNT),
                                daysAfter(BASE, 45)));

        // A 120-day period, still running.
        Referral running = raise(
                councilCaseworker,
                REFUGEE,
                new ReferralFacts.RefugeePostGrant(BASE_DAY, 120, Set.of(MoveOnNeed.BANK_ACCOUNT)),
                BASE,
                null,
                due);
        running.then(refugeeWorker, new ReferralAcceptedEvent(running.id, refugeeWorker.userId(), hoursAfter(BASE, 1)));
    }

    private void outOfSchoolConcerns() {
        List<Set<ConcernCategory>> categories = List.of(
                Set.of(ConcernCategory.SAFEGUARDING, ConcernCategory.HEALTH_AND_SAFETY),
                Set.of(ConcernCategory.SAFEGUARDING),
                Set.of(ConcernCategory.SAFEGUARDING),
                Set.of(ConcernCategory.SAFEGUARDING),
                Set.of(ConcernCategory.SAFEGUARDING, ConcernCategory.STAFF_SUITABILITY));
        List<Set<SafeguardingAction>> actions = List.of(
                Set.of(SafeguardingAction.ADVICE_TO_SETTING),
                Set.of(SafeguardingAction.ADVICE_TO_SETTING, SafeguardingAction.JOINT_VISIT),
                Set.of(SafeguardingAction.NO_FURTHER_ACTION));
        for (int i = 0; i < categories.size(); i++) {
            Referral o = raise(
                    councilCaseworker,
                    OOS,
                    new ReferralFacts.OutOfSchoolSettingsConcern(
                            SettingType.TUITION_CENTRE,
                            SettingSize.SMALL,
                            categories.get(i),
                            false,
                            false,
                            false,
                            true),
                    BASE,
                    null,
                    BASE.plus(Duration.ofHours(24)));
            o.then(safeguardingLead, new ReferralAcceptedEvent(o.id, safeguardingLead.userId(), hoursAfter(BASE, 1)));
            if (i < actions.size()) {
                o.then(
                        safeguardingLead,
                        new ReferralOutcomeRecordedEvent(
                                o.id,
                                new ReferralOutcome.OutOfSchoolSettingsConcern(actions.get(i)),
                                null,
                                daysAfter(BASE, 5)));
            }
        }
    }

    private void walsall() {
        Actor caseworker = actor(WALSALL, new AgencyId("walsall-council"), Role.CASEWORKER);
        Actor worker = actor(WALSALL, new AgencyId("walsall-esol"), Role.AGENCY_WORKER);
        for (int i = 0; i < 7; i++) {
            Referral w = raise(caseworker, worker.agencyId(), esolFacts(), BASE, null, BASE.plus(Duration.ofHours(48)));
            w.then(
                    worker,
                    i < 6
                            ? new ReferralAcceptedEvent(w.id, worker.userId(), hoursAfter(BASE, 1))
                            : new ReferralDeclinedEvent(w.id, DeclineReason.NO_CAPACITY, null, hoursAfter(BASE, 1)));
        }
    }

    // Events ---------------------------------------------------------------------------------------------------------

    /** One referral's events as the command side appends them: in sequence, with the acting user's metadata. */
    private final class Referral {

        final ReferralId id = new ReferralId(UUID.randomUUID());
        private long next;

        Referral then(Actor actor, Object event) {
            MetaData metaData = actor == null
                    ? MetaData.emptyInstance()
                    : MetaData.with(ActorMetaData.USER_ID, actor.userId().value())
                            .and(ActorMetaData.AGENCY_ID, actor.agencyId().value())
                            .and(
                                    ActorMetaData.PARTNERSHIP_ID,
                                    actor.partnershipId().value())
                            .and(
                                    ActorMetaData.ROLES,
                                    actor.roles().stream()
                                            .map(Role::realmRole)
                                            .sorted()
                                            .collect(Collectors.joining(",")));
            GenericDomainEventMessage<Object> message =
                    new GenericDomainEventMessage<>("Referral", id.toString(), next++, event, metaData);
            eventStore.publish(message);
            appended.add(message);
            versions.put(id, next - 1);
            return this;
        }
    }

    private Referral raise(
            Actor referrer,
            AgencyId receiving,
            ReferralFacts facts,
            Instant raisedAt,
            LocalDate madeOn,
            Instant acknowledgeBy) {
        Referral referral = new Referral();
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
        boolean concern = facts instanceof ReferralFacts.OutOfSchoolSettingsConcern;
        return referral.then(
                referrer,
                new ReferralRaisedEvent(
                        referral.id,
                        facts.type(),
                        referrer.partnershipId(),
                        referrer.agencyId(),
                        receiving,
                        concern ? null : new CaseId(subject.value()),
                        subject,
                        concern ? LawfulBasis.PUBLIC_TASK : LawfulBasis.CONSENT,
                        facts,
                        new Sealed(subject, "c2VhbGVk"),
                        null,
                        raisedAt,
                        madeOn,
                        acknowledgeBy));
    }

    private static AcknowledgementOverdueEvent overdue(Referral referral, AgencyId receiving, Instant due) {
        return new AcknowledgementOverdueEvent(referral.id, BRADFORD, receiving, ReferralType.ESOL_PLACEMENT, due, due);
    }

    private static ReferralProgressRecordedEvent progress(Referral referral, Set<MoveOnNeed> met, Instant at) {
        return new ReferralProgressRecordedEvent(referral.id, null, met, at);
    }

    private static ReferralOutcomeRecordedEvent moveOnOutcome(
            Referral referral, MoveOnOutcomeKind kind, Set<MoveOnNeed> met, Instant at) {
        return new ReferralOutcomeRecordedEvent(referral.id, new ReferralOutcome.RefugeePostGrant(kind, met), null, at);
    }

    private static ReferralFacts esolFacts() {
        return new ReferralFacts.EsolPlacement(EsolLevel.ENTRY_1, Set.of(EsolMode.CLASSROOM), false, false);
    }

    private static Sealed sealed(String ciphertext) {
        return new Sealed(new DataSubjectId(UUID.randomUUID()), ciphertext);
    }

    private static Instant hoursAfter(Instant start, int hours) {
        return start.plus(Duration.ofHours(hours));
    }

    private static Instant daysAfter(Instant start, int days) {
        return start.plus(Duration.ofDays(days));
    }

    /** Until every referral's row is at its newest event: every event appended here changes its referral's row. */
    private void awaitProjected() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Map<String, Long> projected = new LinkedHashMap<>();
                    jdbc.query(
                            "SELECT referral_id::text, last_event_sequence FROM read_model.partnership_indicator_referral",
                            row -> {
                                projected.put(row.getString(1), row.getLong(2));
                            });
                    return versions.entrySet().stream()
                            .allMatch(entry -> entry.getValue()
                                    .equals(projected.get(entry.getKey().toString())));
                });
    }

    // Reading --------------------------------------------------------------------------------------------------------

    private JsonNode indicators(Actor actor, String query) {
        return client(actor)
                .get()
                .uri("/api/indicators" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode badRequest(String query) {
        return client(coordinator)
                .get()
                .uri("/api/indicators" + query)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private String page(Actor actor, String query, int status) {
        return QuerySideTestSupport.page(context, actor, "/indicators" + query, status);
    }

    private static String period(YearMonth from, YearMonth to) {
        return "?from-month=" + from.getMonthValue() + "&from-year=" + from.getYear() + "&to-month="
                + to.getMonthValue() + "&to-year=" + to.getYear();
    }

    /** One chart's figure of the page, its table included. */
    private static String figure(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as("figure " + id).isNotNegative();
        return page.substring(start, page.indexOf("</figure>", start));
    }

    private long visibleRows(Actor actor) {
        return reads.read(
                        actor,
                        read -> read.jdbc()
                                .getJdbcTemplate()
                                .queryForObject(
                                        "SELECT count(*) FROM read_model.partnership_indicator_referral", Long.class))
                .block();
    }

    private String tableChecksum() {
        return jdbc.queryForObject(
                "SELECT count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t::text))"
                        + " FROM read_model.partnership_indicator_referral t",
                String.class);
    }

    private WebTestClient client(Actor actor) {
        return ActorClients.webTestClient(context, actor);
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    private static void shown(JsonNode count, long expected) {
        assertThat(count).as("a count").isNotNull();
        assertThat(count.get("suppressed").asBoolean())
                .as("%s suppressed", count)
                .isFalse();
        assertThat(count.get("count").asLong()).as("%s", count).isEqualTo(expected);
        assertThat(count.get("display").asText()).isEqualTo(Long.toString(expected));
    }

    private static void hidden(JsonNode count) {
        assertThat(count).as("a count").isNotNull();
        assertThat(count.get("suppressed").asBoolean())
                .as("%s suppressed", count)
                .isTrue();
        assertThat(count.get("display").asText()).isEqualTo("<5");
        assertThat(count.has("count")).as("%s carries no number", count).isFalse();
    }

    private static void figure(JsonNode figure, String expected) {
        assertThat(figure.get("suppressed").asBoolean()).as("%s", figure).isFalse();
        assertThat(figure.get("display").asText()).isEqualTo(expected);
        assertThat(figure.get("value").decimalValue()).isEqualByComparingTo(expected);
    }

    /** The element of {@code array} whose {@code key} is {@code value}; its {@code field}, or itself if null. */
    private static JsonNode byKey(JsonNode array, String key, String value, String field) {
        for (JsonNode element : array) {
            if (element.get(key).asText().equals(value)) {
                return field == null ? element : element.get(field);
            }
        }
        throw new AssertionError("No " + key + " " + value + " in " + array);
    }

    private static JsonNode category(JsonNode counts, String category) {
        return byKey(counts, "category", category, "number");
    }

    private static List<String> keys(JsonNode array, String key) {
        List<String> keys = new ArrayList<>();
        array.forEach(element -> keys.add(element.get(key).asText()));
        return keys;
    }

    private static Actor actor(PartnershipId partnership, AgencyId agency, Role... roles) {
        return new Actor(new UserId(UUID.randomUUID().toString()), agency, partnership, EnumSet.of(roles[0], roles));
    }

    private static Actor auditor() {
        return actor(BRADFORD, COUNCIL, Role.AUDITOR);
    }

    private static Actor admin() {
        return actor(BRADFORD, COUNCIL, Role.ADMIN);
    }
}

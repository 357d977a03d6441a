package org.integratedcommunities.referrals.queryside.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.BRADFORD;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.actor;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.awaitVersion;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.newReferral;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.now;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.raised;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.directory.AgencyRegisteredEvent;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.ConcernCategory;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SettingSize;
import org.integratedcommunities.referrals.kernel.referral.SettingType;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.queryside.referral.ReferralEvents.Appender;
import org.integratedcommunities.referrals.queryside.ui.FakeCommandSide;
import org.integratedcommunities.referrals.queryside.ui.FakeCommandSide.Received;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.testsupport.ActorClients;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The forms that redirect a declined referral, refer the person on from an outcome, assign a referral to a colleague
 * and record that the LADO was told, through the application (WebFlux, Thymeleaf, the UI's security chain with CSRF)
 * against a stand-in for the command side's API: who is offered each form and when, what each offers to choose from,
 * that a form with problems comes back with a GOV.UK error summary and sends nothing, what is sent (as the user, with
 * the key and the version shown), and that the command side's refusals land on the form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class UiReferralFormsIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("ui_referral_forms");
    private static final FakeCommandSide commandSide = new FakeCommandSide();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ReferralEvents.useDatabase(database, registry);
        registry.add("icr.command-side.url", commandSide::url);
    }

    @AfterAll
    void stop(@Autowired EventProcessingConfiguration processing) {
        commandSide.stop();
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

    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private final Actor caseworker = actor("bradford-council-integration", Role.CASEWORKER);
    private final Actor esolWorker = actor("bradford-esol", Role.AGENCY_WORKER);
    private final Actor esolManager = actor("bradford-esol", Role.AGENCY_MANAGER);
    private final Actor refugeeWorker = actor("bradford-refugee-charity", Role.AGENCY_WORKER);
    private final Actor safeguardingLead = actor("bradford-oos-safeguarding", Role.SAFEGUARDING_LEAD);

    private ReferralId declined;
    private ReferralId accepted;
    private ReferralId outcome;
    private ReferralId allegation;

    @BeforeAll
    void referralsAgenciesAndColleagues() {
        List<AgencyRegisteredEvent> agencies = List.of(
                agency("bradford-council-integration", "Bradford Council Integration Team", Set.of()),
                agency("bradford-esol", "Airedale ESOL Learning Centre", Set.of(ReferralType.ESOL_PLACEMENT)),
                agency("bradford-college", "Bradford College ESOL", Set.of(ReferralType.ESOL_PLACEMENT)),
                agency("bradford-jobcentre", "Bradford Jobcentre Plus", Set.of(ReferralType.EMPLOYMENT_SUPPORT)));
        for (int sequence = 0; sequence < agencies.size(); sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Partnership",
                    BRADFORD.value(),
                    sequence,
                    agencies.get(sequence),
                    QuerySideTestSupport.metaData(caseworker)));
        }

        declined = newReferral();
        Appender events = esolReferral(declined)
                .append(esolWorker, new ReferralDeclinedEvent(declined, DeclineReason.NO_CAPACITY, null, now()));
        awaitVersion(reads, summaries, caseworker, declined, events.version());

        accepted = newReferral();
        events = esolReferral(accepted)
                .append(esolWorker, new ReferralAcceptedEvent(accepted, esolWorker.userId(), now()));
        awaitVersion(reads, summaries, caseworker, accepted, events.version());

        outcome = newReferral();
        events = esolReferral(outcome)
                .append(esolWorker, new ReferralAcceptedEvent(outcome, esolWorker.userId(), now()))
                .append(
                        esolWorker,
                        new ReferralOutcomeRecordedEvent(
                                outcome,
                                new ReferralOutcome.EsolPlacement(EsolOutcomeKind.ASSESSED, EsolLevel.ENTRY_2, null),
                                null,
                                now()));
        awaitVersion(reads, summaries, caseworker, outcome, events.version());

        allegation = newReferral();
        DataSubjectId setting = new DataSubjectId(allegation.value());
        events = new Appender(eventStore, allegation)
                .append(
                        caseworker,
                        raised(
                                allegation,
                                caseworker,
                                safeguardingLead.agencyId(),
                                new ReferralFacts.OutOfSchoolSettingsConcern(
                                        SettingType.TUITION_CENTRE,
                                        SettingSize.SMALL,
                                        Set.of(ConcernCategory.SAFEGUARDING),
                                        false,
                                        false,
                                        true,
                                        true),
                                setting,
                                vault.sealJson(
                                        setting,
                                        new ReferralParticulars.OutOfSchoolSettingsConcern(
                                                "Example Tuition", null, "A tutor hits children", null, null)),
                                now(),
                                null,
                                now().plus(Duration.ofDays(1)),
                                null));
        awaitVersion(reads, summaries, caseworker, allegation, events.version());

        colleague(esolWorker, "Declan Moorhouse");
        colleague(esolManager, "Helena Okafor");
        colleague(actor("bradford-esol", Role.CASEWORKER), "Farah Siddiqui");
        colleague(refugeeWorker, "Grace Pickersgill");
    }

    @BeforeEach
    void forget() {
        commandSide.received.clear();
    }

    @Test
    void eachFormIsOfferedOnlyToTheSideAndRoleTheCommandSideAllowsAndOnlyInItsStatus() {
        assertThat(page(caseworker, "/referrals/" + declined))
                .contains("href=\"/referrals/" + declined + "/redirect\"")
                .doesNotContain("/refer-on\"")
                .doesNotContain("/assign\"");
        assertThat(page(esolWorker, "/referrals/" + declined)).doesNotContain("/redirect\"");
        assertThat(page(caseworker, "/referrals/" + accepted)).doesNotContain("/redirect\"");

        assertThat(page(esolManager, "/referrals/" + accepted))
                .contains("href=\"/referrals/" + accepted + "/assign\"")
                .doesNotContain("/refer-on\"");
        assertThat(page(esolWorker, "/referrals/" + accepted))
                .as("only a manager assigns")
                .doesNotContain("/assign\"");

        assertThat(page(esolWorker, "/referrals/" + outcome))
                .contains("href=\"/referrals/" + outcome + "/refer-on\"")
                .doesNotContain("/assign\"");
        assertThat(page(caseworker, "/referrals/" + outcome))
                .as("the receiving side refers on")
                .doesNotContain("/refer-on\"");

        assertThat(page(safeguardingLead, "/referrals/" + allegation))
                .contains("action=\"/referrals/" + allegation + "/lado\"")
                .contains("Record that the LADO was told");
        assertThat(page(caseworker, "/referrals/" + allegation)).doesNotContain("/lado\"");
        assertThat(page(esolWorker, "/referrals/" + accepted)).doesNotContain("/lado\"");
    }

    @Test
    void redirectingOffersTheOtherAgenciesTakingTheKindAndSendsTheChoice() throws Exception {
        assertThat(page(caseworker, "/referrals/" + declined + "/redirect"))
                .contains("Bradford College ESOL")
                .doesNotContain("Airedale ESOL Learning Centre")
                // the user's own agency is not offered (its name is in the page header, as theirs)
                .doesNotContain("value=\"bradford-council-integration\"")
                .doesNotContain("Bradford Jobcentre Plus")
                .contains("name=\"version\" value=\"1\"");

        assertThat(body(post(caseworker, "/referrals/" + declined + "/redirect", Map.of()), HttpStatus.BAD_REQUEST))
                .contains("<title>Error: Redirect it to another agency")
                .contains("<a href=\"#redirect-receivingAgencyId\">Select the agency to redirect the referral to</a>")
                .contains("id=\"redirect-receivingAgencyId-error\"");
        assertThat(commandSide.received).as("nothing reached the command side").isEmpty();

        commandSide.answer(422, """
                {"title": "Not allowed by the rules", "status": 422,
                 "detail": "No consent or other lawful basis is recorded for sharing this person's data with that agency",
                 "errors": [{"field": "receivingAgencyId",
                             "message": "No consent or other lawful basis is recorded for sharing this person's data with that agency"}]}""");
        String key = UUID.randomUUID().toString();
        assertThat(body(
                        post(
                                caseworker,
                                "/referrals/" + declined + "/redirect",
                                Map.of("receivingAgencyId", "bradford-college", "idempotencyKey", key)),
                        HttpStatus.UNPROCESSABLE_ENTITY))
                .contains("<a href=\"#redirect-receivingAgencyId\">No consent or other lawful basis is recorded")
                .containsPattern("value=\"bradford-college\"\\s+checked")
                .doesNotContain(key);
        Received sent = commandSide.received.get(0);
        assertThat(sent.path()).isEqualTo("/api/referrals/" + declined + "/redirection");
        assertThat(sent.idempotencyKey()).isEqualTo(key);
        assertThat(sent.ifMatch()).isEqualTo("\"1\"");
        assertThat(json.readTree(sent.body()).get("receivingAgencyId").asText()).isEqualTo("bradford-college");

        commandSide.answer(204, "");
        post(caseworker, "/referrals/" + declined + "/redirect", Map.of("receivingAgencyId", "bradford-college"))
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location("/referrals/" + declined + "?done=redirect");
    }

    @Test
    void assigningOffersTheAgencysPeopleWhoMayWorkItAndSendsTheirId() throws Exception {
        assertThat(page(esolManager, "/referrals/" + accepted + "/assign"))
                .contains("Declan Moorhouse")
                .contains("Helena Okafor")
                .as("a caseworker does not work the inbox; another agency's people are not listed")
                .doesNotContain("Farah Siddiqui")
                .doesNotContain("Grace Pickersgill")
                .containsPattern("value=\"" + esolWorker.userId().value() + "\"\\s+checked");

        assertThat(body(post(esolManager, "/referrals/" + accepted + "/assign", Map.of()), HttpStatus.BAD_REQUEST))
                .contains("<a href=\"#assign-assignee\">Select who is to work the referral</a>");
        assertThat(commandSide.received).isEmpty();

        commandSide.answer(403, """
                {"title": "Not allowed", "status": 403,
                 "detail": "Only a manager of the receiving agency may assign referrals."}""");
        assertThat(body(
                        post(
                                esolManager,
                                "/referrals/" + accepted + "/assign",
                                Map.of("assignee", esolManager.userId().value())),
                        HttpStatus.FORBIDDEN))
                .contains("<a href=\"#assign\">Only a manager of the receiving agency may assign referrals</a>");

        commandSide.answer(204, "");
        post(
                        esolManager,
                        "/referrals/" + accepted + "/assign",
                        Map.of("assignee", esolManager.userId().value()))
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location("/referrals/" + accepted + "?done=assign");
        Received sent = commandSide.received.get(1);
        assertThat(sent.path()).isEqualTo("/api/referrals/" + accepted + "/assignment");
        assertThat(json.readTree(sent.body()).get("assignee").asText())
                .isEqualTo(esolManager.userId().value());
    }

    @Test
    void theLadoBeingToldIsRecordedAsTheSafeguardingLeadAndARefusalLandsOnTheForm() {
        commandSide.answer(422, """
                {"title": "Not allowed by the rules", "status": 422,
                 "detail": "The LADO has already been recorded as told"}""");
        assertThat(body(
                        post(safeguardingLead, "/referrals/" + allegation + "/lado", Map.of()),
                        HttpStatus.UNPROCESSABLE_ENTITY))
                .contains("<a href=\"#lado\">The LADO has already been recorded as told</a>");

        commandSide.answer(204, "");
        post(safeguardingLead, "/referrals/" + allegation + "/lado", Map.of())
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location("/referrals/" + allegation + "?done=lado");
        Received sent = commandSide.received.get(1);
        assertThat(sent.path()).isEqualTo("/api/referrals/" + allegation + "/lado-notification");
        assertThat(sent.ifMatch()).isEqualTo("\"0\"");
        assertThat(page(safeguardingLead, "/referrals/" + allegation + "?done=lado"))
                .contains("You recorded that the LADO was told");
    }

    @Test
    void referringOnAsksTheRaiseFormsQuestionsAndSendsANewReferralOfTheSameCase() throws Exception {
        assertThat(page(esolWorker, "/referrals/" + outcome + "/refer-on"))
                .contains("What kind of referral is it?")
                .contains("action=\"/referrals/" + outcome + "/refer-on\"")
                .contains("Back to the referral")
                .doesNotContain("OUT_OF_SCHOOL_SETTINGS_CONCERN");
        assertThat(page(esolWorker, "/referrals/" + outcome + "/refer-on?type=EMPLOYMENT_SUPPORT"))
                .contains("Refer the person on")
                .contains("Bradford Jobcentre Plus")
                .doesNotContain("Bradford College ESOL")
                .contains("Employment goal")
                .contains("name=\"version\" value=\"2\"");

        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        fields.add("type", "EMPLOYMENT_SUPPORT");
        fields.add("barriers", "ENGLISH_LEVEL");
        assertThat(body(post(esolWorker, "/referrals/" + outcome + "/refer-on", fields), HttpStatus.BAD_REQUEST))
                .contains("<title>Error: Refer the person on")
                .contains("<a href=\"#referral-receivingAgencyId\">Select the agency you are referring to</a>")
                .contains("<a href=\"#referral-employmentGoal\">Enter the person&#39;s employment goal</a>")
                .containsPattern("value=\"ENGLISH_LEVEL\"\\s+checked");
        assertThat(commandSide.received).isEmpty();

        ReferralId onward = newReferral();
        commandSide.answer(201, "{\"referralId\": \"" + onward + "\"}");
        String key = UUID.randomUUID().toString();
        fields.add("receivingAgencyId", "bradford-jobcentre");
        fields.add("programmes", "TRAINING");
        fields.add("employmentGoal", "Work in a warehouse");
        fields.add("version", "2");
        fields.add("idempotencyKey", key);
        post(esolWorker, "/referrals/" + outcome + "/refer-on", fields)
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location("/referrals/" + onward + "?done=refer-on");
        Received sent = commandSide.received.get(0);
        assertThat(sent.path()).isEqualTo("/api/referrals/" + outcome + "/onward-referrals");
        assertThat(sent.idempotencyKey()).isEqualTo(key);
        assertThat(sent.ifMatch()).isEqualTo("\"2\"");
        JsonNode body = json.readTree(sent.body());
        assertThat(body.get("type").asText()).isEqualTo("EMPLOYMENT_SUPPORT");
        assertThat(body.get("caseId").asText())
                .as("the person of the parent's case")
                .isEqualTo(outcome.value().toString());
        assertThat(body.get("receivingAgencyId").asText()).isEqualTo("bradford-jobcentre");
        assertThat(body.at("/facts/programmes/0").asText()).isEqualTo("TRAINING");
        assertThat(body.at("/particulars/employmentGoal").asText()).isEqualTo("Work in a warehouse");
    }

    private void colleague(Actor actor, String name) {
        jdbc.update(
                "INSERT INTO read_model.agency_colleagues"
                        + " (user_id, partnership_id, agency_id, name, roles, last_signed_in_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                actor.userId().value(),
                actor.partnershipId().value(),
                actor.agencyId().value(),
                name,
                actor.roles().iterator().next().name(),
                Timestamp.from(now()));
    }

    private static AgencyRegisteredEvent agency(String id, String name, Set<ReferralType> services) {
        return new AgencyRegisteredEvent(BRADFORD, new AgencyId(id), name, services, now());
    }

    private Appender esolReferral(ReferralId id) {
        DataSubjectId subject = new DataSubjectId(id.value());
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
                                        subject, new ReferralParticulars.EsolPlacement("Weekday mornings", null)),
                                now(),
                                null,
                                now().plus(Duration.ofDays(14)),
                                null));
    }

    private static String body(WebTestClient.ResponseSpec response, HttpStatus status) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient.ResponseSpec post(Actor actor, String uri, Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return post(actor, uri, form);
    }

    private WebTestClient.ResponseSpec post(Actor actor, String uri, MultiValueMap<String, String> form) {
        return ActorClients.webTestClient(context, actor)
                .mutate()
                // A successful step waits (at most 5 s) for the read model, which the stand-in never moves.
                .responseTimeout(Duration.ofSeconds(20))
                .build()
                .mutateWith(csrf())
                .post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.TEXT_HTML)
                .body(BodyInserters.fromFormData(form))
                .exchange();
    }

    private String page(Actor actor, String uri) {
        return ActorClients.webTestClient(context, actor)
                .get()
                .uri(uri)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}

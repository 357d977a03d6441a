package org.integratedcommunities.referrals.queryside.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.ImmigrationStatus;
import org.integratedcommunities.referrals.kernel.casefile.PersonDetails;
import org.integratedcommunities.referrals.kernel.directory.AgencyRegisteredEvent;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
import org.integratedcommunities.referrals.queryside.QuerySideTestSupport;
import org.integratedcommunities.referrals.queryside.ui.FakeCommandSide;
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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The case forms (open a case, record consent, raise a referral) rendered and posted through the application against
 * a stand-in for the command side's API: a form with problems comes back with a GOV.UK error summary as typed and sends
 * nothing; a good one is sent as the user with its idempotency key (and the case's version for consent) in the API's
 * shape; the receiving agencies offered are the partnership's others, those offering the kind of referral.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class UiCaseFormsIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("ui_case_forms");
    private static final FakeCommandSide commandSide = new FakeCommandSide();
    private static final PartnershipId BRADFORD = new PartnershipId("bradford");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        QuerySideTestSupport.useDatabase(database, registry);
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
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private final Actor caseworker =
            QuerySideTestSupport.actor("bradford", "bradford-council-integration", Role.CASEWORKER);
    private final CaseId caseId = new CaseId(UUID.randomUUID());

    @BeforeAll
    void caseAndDirectory() {
        DataSubjectId subject = new DataSubjectId(caseId.value());
        PersonDetails person = new PersonDetails(
                "Amina Example",
                LocalDate.of(1991, 3, 4),
                null,
                null,
                null,
                "Dari",
                true,
                ImmigrationStatus.NOT_RECORDED);
        eventStore.publish(new GenericDomainEventMessage<>(
                "Case",
                caseId.toString(),
                0,
                new CaseOpenedEvent(
                        caseId, BRADFORD, caseworker.agencyId(), subject, vault.sealJson(subject, person), now()),
                QuerySideTestSupport.metaData(caseworker)));
        List<AgencyRegisteredEvent> agencies = List.of(
                agency("bradford-council-integration", "Bradford Council Integration Team", Set.of()),
                agency("bradford-esol", "Airedale ESOL Learning Centre", Set.of(ReferralType.ESOL_PLACEMENT)),
                agency("bradford-jobcentre", "Bradford Jobcentre Plus", Set.of(ReferralType.EMPLOYMENT_SUPPORT)));
        for (int sequence = 0; sequence < agencies.size(); sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Partnership",
                    BRADFORD.value(),
                    sequence,
                    agencies.get(sequence),
                    QuerySideTestSupport.metaData(caseworker)));
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !jdbc.queryForList("SELECT 1 FROM read_model.case_file WHERE case_id = ?", caseId.value())
                        .isEmpty());
    }

    @BeforeEach
    void forget() {
        commandSide.received.clear();
    }

    @Test
    void openingACaseWithProblemsComesBackAsTypedAndSendsNothing() {
        String page = post(
                        "/cases/new",
                        Map.of(
                                "fullName", "Amina Example",
                                "dateOfBirth-day", "30",
                                "dateOfBirth-month", "2",
                                "dateOfBirth-year", "1991",
                                "email", "not-an-address"))
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains("<title>Error: Open a case")
                .contains("<a href=\"#case-dateOfBirth-day\">Date of birth must be a real date</a>")
                .contains("<a href=\"#case-email\">Enter an email address in the correct format")
                .contains("<a href=\"#case-preferredLanguage\">Enter the person&#39;s preferred language</a>")
                .contains("<a href=\"#case-interpreterNeeded\">Select yes if the person needs an interpreter</a>")
                .contains("value=\"Amina Example\"")
                .contains("value=\"30\"");
        assertThat(commandSide.received).isEmpty();
    }

    @Test
    void aCaseIsOpenedThroughTheCommandSideAndTheBrowserGoesToIt() throws Exception {
        commandSide.answer(201, "{\"caseId\": \"" + caseId + "\"}");
        String key = UUID.randomUUID().toString();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("fullName", "Amina Example");
        fields.put("dateOfBirth-day", "4");
        fields.put("dateOfBirth-month", "3");
        fields.put("dateOfBirth-year", "1991");
        fields.put("preferredLanguage", "Dari");
        fields.put("interpreterNeeded", "YES");
        fields.put("idempotencyKey", key);
        post("/cases/new", fields)
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location("/cases/" + caseId + "?done=opened");
        FakeCommandSide.Received sent = commandSide.received.get(0);
        assertThat(sent.path()).isEqualTo("/api/cases");
        assertThat(sent.idempotencyKey()).isEqualTo(key);
        assertThat(sent.authorization()).isEqualTo("Bearer test-token");
        JsonNode person = json.readTree(sent.body()).get("person");
        assertThat(person.get("dateOfBirth").asText()).isEqualTo("1991-03-04");
        assertThat(person.get("interpreterNeeded").asBoolean()).isTrue();
        assertThat(person.get("preferredLanguage").asText()).isEqualTo("Dari");
        assertThat(page("/cases/" + caseId + "?done=opened")).contains("You opened the case");
    }

    @Test
    void consentOffersThePartnershipsOtherAgenciesAndGoesWithTheCasesVersion() throws Exception {
        assertThat(page("/cases/" + caseId + "/consent"))
                .contains("Airedale ESOL Learning Centre")
                .contains("Bradford Jobcentre Plus")
                // the user's own agency is not offered (its name is in the page header, as theirs)
                .doesNotContain("value=\"bradford-council-integration\"")
                .doesNotContain("Out of school")
                .contains("Data subject");
        assertThat(post("/cases/" + caseId + "/consent", Map.of("givenBy", "DATA_SUBJECT"))
                        .expectStatus()
                        .isBadRequest()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("<a href=\"#consent-givenOn-day\">Enter the date consent was given</a>")
                .contains("<a href=\"#consent-purposes\">Select the kinds of referral the person agreed to</a>");
        assertThat(commandSide.received).isEmpty();

        commandSide.answer(204, "");
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        fields.add("givenBy", "DATA_SUBJECT");
        fields.add("givenOn-day", "20");
        fields.add("givenOn-month", "11");
        fields.add("givenOn-year", "2026");
        fields.add("purposes", "ESOL_PLACEMENT");
        fields.add("agencies", "bradford-esol");
        post("/cases/" + caseId + "/consent", fields)
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location("/cases/" + caseId + "?done=consent");
        FakeCommandSide.Received sent = commandSide.received.get(0);
        assertThat(sent.path()).isEqualTo("/api/cases/" + caseId + "/lawful-bases");
        assertThat(sent.ifMatch()).isEqualTo("\"0\"");
        JsonNode body = json.readTree(sent.body());
        assertThat(body.get("basis").asText()).isEqualTo("CONSENT");
        assertThat(body.at("/consent/givenOn").asText()).isEqualTo("2026-11-20");
        assertThat(body.at("/consent/purposes/0").asText()).isEqualTo("ESOL_PLACEMENT");
        assertThat(body.at("/consent/agencies/0").asText()).isEqualTo("bradford-esol");
    }

    @Test
    void aReferralIsRaisedInTwoQuestionPages() throws Exception {
        assertThat(page("/cases/" + caseId + "/referrals/new"))
                .contains("What kind of referral is it?")
                .contains("value=\"ESOL_PLACEMENT\"")
                .doesNotContain("OUT_OF_SCHOOL_SETTINGS_CONCERN");
        assertThat(client().get()
                        .uri("/cases/" + caseId + "/referrals/new?type=")
                        .accept(MediaType.TEXT_HTML)
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("<a href=\"#referral-type\">Select the kind of referral</a>");
        assertThat(page("/cases/" + caseId + "/referrals/new?type=ESOL_PLACEMENT"))
                .contains("Airedale ESOL Learning Centre")
                .doesNotContain("Bradford Jobcentre Plus")
                .contains("How would the person like to learn?");

        assertThat(post(
                                "/cases/" + caseId + "/referrals/new",
                                Map.of("type", "ESOL_PLACEMENT", "availability", "Weekday mornings"))
                        .expectStatus()
                        .isBadRequest()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("<a href=\"#referral-receivingAgencyId\">Select the agency you are referring to</a>")
                .contains("<a href=\"#referral-preferredModes\">Select at least one way of learning</a>")
                .contains("value=\"Weekday mornings\"");
        assertThat(commandSide.received).isEmpty();

        UUID referralId = UUID.randomUUID();
        commandSide.answer(201, "{\"referralId\": \"" + referralId + "\"}");
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        fields.add("type", "ESOL_PLACEMENT");
        fields.add("receivingAgencyId", "bradford-esol");
        fields.add("estimatedLevel", "ENTRY_2");
        fields.add("preferredModes", "CLASSROOM");
        fields.add("preferredModes", "ONLINE");
        fields.add("childcareNeeded", "YES");
        fields.add("mandatedByWorkCoach", "NO");
        fields.add("availability", "Weekday mornings");
        post("/cases/" + caseId + "/referrals/new", fields)
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location("/referrals/" + referralId + "?done=raised");
        JsonNode body = json.readTree(commandSide.received.get(0).body());
        assertThat(commandSide.received.get(0).path()).isEqualTo("/api/referrals");
        assertThat(body.get("caseId").asText()).isEqualTo(caseId.toString());
        assertThat(body.get("receivingAgencyId").asText()).isEqualTo("bradford-esol");
        assertThat(body.at("/facts/kind").asText()).isEqualTo("ESOL_PLACEMENT");
        assertThat(body.at("/facts/estimatedLevel").asText()).isEqualTo("ENTRY_2");
        assertThat(body.at("/facts/preferredModes")).hasSize(2);
        assertThat(body.at("/facts/childcareNeeded").asBoolean()).isTrue();
        assertThat(body.at("/particulars/availability").asText()).isEqualTo("Weekday mornings");
    }

    @Test
    void aConcernHasNoCaseAndTheCommandSidesSafeguardingRuleLandsOnItsField() throws Exception {
        assertThat(page("/outbox")).contains("href=\"/referrals/new-concern\"");
        assertThat(page("/referrals/new-concern"))
                .contains("If a child is in immediate danger, call 999 first.")
                .contains("Airedale ESOL Learning Centre")
                .contains("Suspected unregistered school");
        assertThat(post("/referrals/new-concern", Map.of("settingName", "Example Tuition"))
                        .expectStatus()
                        .isBadRequest()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("<a href=\"#concern-description\">Describe the concern</a>")
                .contains("<a href=\"#concern-categories\">Select at least one kind of concern</a>")
                .contains("value=\"Example Tuition\"");
        assertThat(commandSide.received).isEmpty();

        commandSide.answer(422, """
                {"title": "Not allowed by the rules", "status": 422,
                 "detail": "A child in immediate danger needs 999 first: call 999, then record that it was done",
                 "errors": [{"field": "facts.emergencyServicesCalled",
                             "message": "A child in immediate danger needs 999 first: call 999, then record that it was done"}]}""");
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        fields.add("receivingAgencyId", "bradford-esol");
        fields.add("settingName", "Example Tuition");
        fields.add("settingType", "TUITION_CENTRE");
        fields.add("settingSize", "SMALL");
        fields.add("categories", "SAFEGUARDING");
        fields.add("childInImmediateDanger", "YES");
        fields.add("emergencyServicesCalled", "NO");
        fields.add("allegationAgainstStaffOrVolunteer", "NO");
        fields.add("reporterAnonymous", "YES");
        fields.add("description", "Children left alone after classes");
        String refused = post("/referrals/new-concern", fields)
                .expectStatus()
                .isEqualTo(422)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(refused)
                .contains("<a href=\"#concern-emergencyServicesCalled\">A child in immediate danger needs 999 first")
                .contains("Children left alone after classes");
        JsonNode body = json.readTree(commandSide.received.get(0).body());
        assertThat(body.get("type").asText()).isEqualTo("OUT_OF_SCHOOL_SETTINGS_CONCERN");
        assertThat(body.has("caseId"))
                .as("a concern is about a setting, not a case")
                .isFalse();
        assertThat(body.at("/facts/childInImmediateDanger").asBoolean()).isTrue();
        assertThat(body.at("/particulars/settingName").asText()).isEqualTo("Example Tuition");
    }

    @Test
    void withdrawingConsentIsConfirmedFirstAndARefusalLandsOnTheConfirmation() throws Exception {
        assertThat(page("/cases/" + caseId))
                .as("offered only while consent is in force")
                .doesNotContain("/consent-withdrawal\"");
        assertThat(page("/cases/" + caseId + "/consent-withdrawal"))
                .contains("<title>Withdraw consent")
                .contains("Open referrals that were made with the person's consent will be suspended")
                .contains("This case has no open referrals.")
                .contains("action=\"/cases/" + caseId + "/consent-withdrawal\"")
                .contains("name=\"version\" value=\"0\"");

        commandSide.answer(422, """
                {"title": "Not allowed by the rules", "status": 422, "detail": "No consent is in force for this case"}""");
        String key = UUID.randomUUID().toString();
        String refused = post("/cases/" + caseId + "/consent-withdrawal", Map.of("version", "0", "idempotencyKey", key))
                .expectStatus()
                .isEqualTo(422)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(refused)
                .contains("<title>Error: Withdraw consent")
                .contains("<a href=\"#withdrawal\">No consent is in force for this case</a>")
                .doesNotContain(key);
        FakeCommandSide.Received sent = commandSide.received.get(0);
        assertThat(sent.path()).isEqualTo("/api/cases/" + caseId + "/consent-withdrawal");
        assertThat(sent.idempotencyKey()).isEqualTo(key);
        assertThat(sent.ifMatch()).isEqualTo("\"0\"");

        commandSide.answer(204, "");
        post("/cases/" + caseId + "/consent-withdrawal", Map.of("version", "0"))
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location("/cases/" + caseId + "?done=consent-withdrawn");
        assertThat(page("/cases/" + caseId + "?done=consent-withdrawn"))
                .contains(
                        "You withdrew the person&#39;s consent: open referrals that relied on it are being suspended");
    }

    private static AgencyRegisteredEvent agency(String id, String name, Set<ReferralType> services) {
        return new AgencyRegisteredEvent(BRADFORD, new AgencyId(id), name, services, now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private WebTestClient client() {
        return ActorClients.webTestClient(context, caseworker)
                .mutate()
                // A successful form waits (at most 5 s) for the read model, which the stand-in may never move.
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    private WebTestClient.ResponseSpec post(String uri, Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return post(uri, form);
    }

    private WebTestClient.ResponseSpec post(String uri, MultiValueMap<String, String> form) {
        return client().mutateWith(csrf())
                .post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.TEXT_HTML)
                .body(BodyInserters.fromFormData(form))
                .exchange();
    }

    private String page(String uri) {
        return client().get()
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

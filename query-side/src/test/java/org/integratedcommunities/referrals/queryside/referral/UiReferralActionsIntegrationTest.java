package org.integratedcommunities.referrals.queryside.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.actor;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.awaitVersion;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.newReferral;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.now;
import static org.integratedcommunities.referrals.queryside.referral.ReferralEvents.raised;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The referral's lifecycle forms, rendered and posted through the application (WebFlux, Thymeleaf, the UI's security
 * chain with CSRF), against a stand-in for the command side's API that records what it is sent and answers as told:
 * which forms each side is offered, that a form with problems comes back with a GOV.UK error summary as typed and
 * sends nothing, that a step goes to the command side as the user with its idempotency key and version and comes back
 * as Post/Redirect/Get with a banner, and that the command side's refusals land on the form. The real command side,
 * Keycloak and browser are the end-to-end test's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class UiReferralActionsIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("ui_referral_actions");
    private static final FakeCommandSide commandSide = new FakeCommandSide();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ReferralEvents.useDatabase(database, registry);
        registry.add("icr.command-side.url", commandSide::url);
    }

    @AfterAll
    void stop() {
        commandSide.stop();
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

    private final ObjectMapper json = new ObjectMapper();
    private final Actor caseworker = actor("bradford-council-integration", Role.CASEWORKER);
    private final Actor esolWorker = actor("bradford-esol", Role.AGENCY_WORKER);

    private ReferralId raised;
    private ReferralId accepted;

    @BeforeAll
    void referrals() {
        raised = newReferral();
        awaitVersion(reads, summaries, caseworker, raised, esolReferral(raised).version());
        accepted = newReferral();
        Appender events = esolReferral(accepted)
                .append(esolWorker, new ReferralAcceptedEvent(accepted, esolWorker.userId(), now()));
        awaitVersion(reads, summaries, caseworker, accepted, events.version());
    }

    @BeforeEach
    void forget() {
        commandSide.received.clear();
    }

    @Test
    void eachSideIsOfferedTheStepsItMayTakeNow() {
        String inbox = page(esolWorker, "/referrals/" + raised);
        assertThat(inbox)
                .contains("What you can do")
                .contains("action=\"/referrals/" + raised + "/accept\"")
                .contains("action=\"/referrals/" + raised + "/return\"")
                .contains("action=\"/referrals/" + raised + "/decline\"")
                .doesNotContain("/withdraw\"")
                .doesNotContain("/outcome\"")
                .containsPattern("name=\"idempotencyKey\" value=\"[0-9a-f-]{36}\"")
                .contains("name=\"version\" value=\"0\"")
                .containsPattern("name=\"_csrf\" value=\"[^\"]+\"")
                .contains("Not eligible")
                .contains("Person declined");
        assertThat(page(caseworker, "/referrals/" + raised))
                .contains("action=\"/referrals/" + raised + "/withdraw\"")
                .doesNotContain("/accept\"")
                .doesNotContain("/answer\"");
        assertThat(page(esolWorker, "/referrals/" + accepted))
                .contains("action=\"/referrals/" + accepted + "/progress\"")
                .contains("action=\"/referrals/" + accepted + "/outcome\"")
                .contains("Placed on course")
                .contains("Entry 3")
                .contains("id=\"outcome-courseStart-day\"")
                .doesNotContain("/accept\"");
    }

    @Test
    void aFormWithProblemsComesBackWithAnErrorSummaryAsTypedAndSendsNothing() {
        String declined = post(esolWorker, raised, "decline", Map.of("reason", "OTHER", "explanation", " "))
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(declined)
                .contains("<title>Error: Decline the referral")
                .contains("govuk-error-summary")
                .contains("<a href=\"#decline-explanation\">Explain why you are declining the referral</a>")
                .contains("id=\"decline-explanation-error\"")
                .containsPattern("value=\"OTHER\"\\s+checked");

        String outcome = post(
                        esolWorker,
                        accepted,
                        "outcome",
                        Map.of(
                                "result", "PLACED_ON_COURSE",
                                "courseStart-day", "31",
                                "courseStart-month", "2",
                                "courseStart-year", "2027",
                                "note", "Evening class"))
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(outcome)
                .contains("<a href=\"#outcome-level\">Select the level assessed or of the course</a>")
                .contains("<a href=\"#outcome-courseStart-day\">Course start date must be a real date</a>")
                .contains("value=\"31\"")
                .contains("Evening class");

        assertThat(commandSide.received).as("nothing reached the command side").isEmpty();
    }

    @Test
    void aStepGoesToTheCommandSideAsTheUserWithItsKeyAndVersionAndComesBackWithABanner() throws Exception {
        commandSide.answer(204, "");
        String key = UUID.randomUUID().toString();
        post(esolWorker, raised, "return", Map.of("question", "Which days can she attend?", "idempotencyKey", key))
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location("/referrals/" + raised + "?done=return");

        assertThat(commandSide.received).hasSize(1);
        Received sent = commandSide.received.get(0);
        assertThat(sent.path()).isEqualTo("/api/referrals/" + raised + "/information-request");
        assertThat(sent.authorization()).isEqualTo("Bearer test-token");
        assertThat(sent.idempotencyKey()).isEqualTo(key);
        assertThat(sent.ifMatch()).isEqualTo("\"0\"");
        assertThat(json.readTree(sent.body()).get("question").asText()).isEqualTo("Which days can she attend?");

        assertThat(page(esolWorker, "/referrals/" + raised + "?done=return"))
                .contains("govuk-notification-banner--success")
                .contains("You returned the referral for information");
    }

    @Test
    void theCommandSidesRefusalsLandOnTheForm() {
        commandSide.answer(409, """
                {"title": "Not possible in the current state",
                 "detail": "The referral cannot be accepted: it is ACCEPTED.", "status": 409}""");
        String key = UUID.randomUUID().toString();
        String refused = post(esolWorker, raised, "accept", Map.of("idempotencyKey", key))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(refused)
                .contains("govuk-error-summary")
                .contains("<a href=\"#accept\">The referral cannot be accepted: it is ACCEPTED</a>")
                .contains("name=\"idempotencyKey\" value=\"")
                .doesNotContain(key)
                .doesNotContain("Exception");

        commandSide.answer(422, """
                {"title": "Not allowed by the rules", "detail": "Give the date the course starts", "status": 422,
                 "errors": [{"field": "outcome.courseStart", "message": "Give the date the course starts"}]}""");
        String outcome = post(esolWorker, accepted, "outcome", Map.of("result", "PLACED_ON_COURSE", "level", "ENTRY_3"))
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(outcome).contains("Enter the date the course starts");
        assertThat(commandSide.received).as("a form with problems is not sent").hasSize(1);

        String rule = post(
                        esolWorker,
                        accepted,
                        "outcome",
                        Map.of(
                                "result", "PLACED_ON_COURSE",
                                "level", "ENTRY_3",
                                "courseStart-day", "11",
                                "courseStart-month", "1",
                                "courseStart-year", "2027"))
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(rule)
                .contains("<a href=\"#outcome-courseStart-day\">Give the date the course starts</a>")
                .containsPattern("value=\"ENTRY_3\"\\s+checked");
        JsonNode body = readTree(commandSide.received.get(1).body());
        assertThat(body.at("/outcome/kind").asText()).isEqualTo("ESOL_PLACEMENT");
        assertThat(body.at("/outcome/courseStart").asText()).isEqualTo("2027-01-11");
        assertThat(body.at("/outcome/level").asText()).isEqualTo("ENTRY_3");
    }

    @Test
    void aStepWithoutTheFormsCsrfTokenIsRefused() {
        ActorClients.webTestClient(context, esolWorker)
                .post()
                .uri("/referrals/" + raised + "/accept")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(commandSide.received).isEmpty();
    }

    private JsonNode readTree(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebTestClient.ResponseSpec post(Actor actor, ReferralId id, String action, Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return ActorClients.webTestClient(context, actor)
                .mutate()
                // A successful step waits (at most 5 s) for the read model, which the stand-in never moves.
                .responseTimeout(Duration.ofSeconds(20))
                .build()
                .mutateWith(csrf())
                .post()
                .uri("/referrals/" + id + "/" + action)
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

    private Appender esolReferral(ReferralId id) {
        DataSubjectId subject = new DataSubjectId(UUID.randomUUID());
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
}

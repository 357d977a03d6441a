package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every class of bad command answers with the right status as RFC 9457 problem+json, says nothing internal, and
 * leaves the event store exactly as it was.
 */
class CommandApiErrorsEndToEndTest {

    private static PlatformUnderTest platform;
    private String caseworker;
    private String esolWorker;
    private String caseId;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = PlatformUnderTest.get();
    }

    @BeforeEach
    void signIn() throws Exception {
        caseworker = platform.keycloak.accessToken("bradford-council-caseworker");
        esolWorker = platform.keycloak.accessToken("bradford-esol-worker");
        caseId = platform.openCaseWithConsent(caseworker, "ESOL_PLACEMENT");
    }

    @Test
    void malformedJson() throws Exception {
        JsonNode problem = refused(400, "/api/referrals", caseworker, "{\"type\": \"ESOL_PLACEMENT\",", Map.of());
        assertThat(problem.get("title").asText()).isEqualTo("Unreadable request");
    }

    @Test
    void missingField() throws Exception {
        String body = PlatformUnderTest.esolReferral(caseId, "bradford-esol")
                .replace("\"receivingAgencyId\": \"bradford-esol\",", "");
        JsonNode problem = refused(400, "/api/referrals", caseworker, body, Map.of());
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("receivingAgencyId");
    }

    @Test
    void wrongEnum() throws Exception {
        String body = PlatformUnderTest.esolReferral(caseId, "bradford-esol").replace("\"ENTRY_2\"", "\"FLUENT\"");
        refused(400, "/api/referrals", caseworker, body, Map.of());
    }

    @Test
    void oversizedText() throws Exception {
        String body = PlatformUnderTest.esolReferral(caseId, "bradford-esol")
                .replace("\"None\"", "\"" + "x".repeat(4001) + "\"");
        JsonNode problem = refused(400, "/api/referrals", caseworker, body, Map.of());
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("particulars.notes");
    }

    @Test
    void unknownReferral() throws Exception {
        refused(404, "/api/referrals/" + UUID.randomUUID() + "/acceptance", esolWorker, "{}", Map.of());
        refused(404, "/api/referrals/not-a-referral-id/acceptance", esolWorker, "{}", Map.of());
    }

    @Test
    void wrongAgency() throws Exception {
        String referralId = raise(Map.of());
        String jobcentreWorker = platform.keycloak.accessToken("bradford-jobcentre-worker");
        refused(404, "/api/referrals/" + referralId + "/acceptance", jobcentreWorker, "{}", Map.of());
        JsonNode problem = refused(403, "/api/referrals/" + referralId + "/acceptance", caseworker, "{}", Map.of());
        assertThat(problem.get("detail").asText()).isEqualTo("Only the receiving agency may accept referrals.");
        refused(422, "/api/referrals", caseworker, PlatformUnderTest.esolReferral(caseId, "walsall-esol"), Map.of());
    }

    @Test
    void illegalStepNamesTheCurrentState() throws Exception {
        String referralId = raise(Map.of());
        JsonNode problem = refused(409, "/api/referrals/" + referralId + "/closure", caseworker, "", Map.of());
        assertThat(problem.get("detail").asText()).isEqualTo("This referral is RAISED: it cannot be closed.");
        assertThat(problem.get("currentState").asText()).isEqualTo("RAISED");
    }

    @Test
    void staleVersion() throws Exception {
        String referralId = raise(Map.of());
        HttpResponse<String> accepted = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals/" + referralId + "/acceptance",
                esolWorker,
                "{}",
                Map.of("If-Match", "\"0\"")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
        JsonNode problem = refused(
                409,
                "/api/referrals/" + referralId + "/progress",
                esolWorker,
                "{\"note\": \"Assessment booked\"}",
                Map.of("If-Match", "\"0\""));
        assertThat(problem.get("title").asText()).isEqualTo("Changed by someone else");
    }

    @Test
    void replayedIdempotencyKeyCreatesNothingTwice() throws Exception {
        String key = "raise-" + UUID.randomUUID();
        String first = raise(Map.of("Idempotency-Key", key));
        long events = platform.eventCount();

        HttpResponse<String> replay = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals",
                caseworker,
                PlatformUnderTest.esolReferral(caseId, "bradford-esol"),
                Map.of("Idempotency-Key", key)));
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(201);
        assertThat(platform.read(replay).get("referralId").asText()).isEqualTo(first);
        assertThat(platform.eventCount()).isEqualTo(events);

        JsonNode problem = refused(
                422,
                "/api/referrals",
                caseworker,
                PlatformUnderTest.esolReferral(caseId, "bradford-refugee-charity"),
                Map.of("Idempotency-Key", key));
        assertThat(problem.get("detail").asText())
                .isEqualTo("This idempotency key was already used for a different request");
    }

    private String raise(Map<String, String> headers) throws Exception {
        HttpResponse<String> raised = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals",
                caseworker,
                PlatformUnderTest.esolReferral(caseId, "bradford-esol"),
                headers));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        return platform.read(raised).get("referralId").asText();
    }

    /** Sends a request that must be refused, and checks the answer and that nothing was stored. */
    private JsonNode refused(int status, String path, String token, String body, Map<String, String> headers)
            throws Exception {
        long before = platform.eventCount();
        HttpResponse<String> response = platform.send(platform.post(platform.commandSide, path, token, body, headers));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body())
                .doesNotContain("org.integratedcommunities")
                .doesNotContain("Exception")
                .doesNotContain("SQL");
        assertThat(platform.eventCount()).as("nothing stored").isEqualTo(before);
        JsonNode problem = platform.read(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }
}

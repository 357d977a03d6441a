package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.integratedcommunities.referrals.testsupport.KeycloakTokens;
import org.integratedcommunities.referrals.testsupport.RunningApplication;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first slice from the outside: real Keycloak tokens, the two packaged applications as separate processes, a
 * fresh PostgreSQL database. A caseworker raises a referral on the command side; it reaches the query side's read
 * model; the referring and receiving agencies see it; a third agency and the other partnership get 404.
 */
class ReferralSliceEndToEndTest {

    private static final Path ROOT =
            Path.of(System.getProperty("icr.project.root", "..")).toAbsolutePath();
    private static final String VERSION = System.getProperty("icr.version", "0.1.0-SNAPSHOT");

    private static final KeycloakTokens keycloak = new KeycloakTokens();
    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TestDatabase database;
    private static RunningApplication commandSide;
    private static RunningApplication querySide;

    @BeforeAll
    static void startPlatform() throws Exception {
        database = TestDatabase.create("e2e");
        Map<String, String> environment = Map.of(
                "ICR_DB_URL", database.url(),
                "ICR_DB_USER", TestDatabase.user(),
                "ICR_DB_PASSWORD", TestDatabase.password(),
                "ICR_ISSUER_URI", keycloak.issuer(),
                "ICR_JWT_CLOCK_SKEW", "0s");
        Path logs = ROOT.resolve("infra/target/e2e-logs");
        commandSide = RunningApplication.start(
                "command-side",
                ROOT.resolve("command-side/target/command-side-" + VERSION + "-exec.jar"),
                "ICR_COMMAND_SIDE_PORT",
                environment,
                logs);
        querySide = RunningApplication.start(
                "query-side",
                ROOT.resolve("query-side/target/query-side-" + VERSION + "-exec.jar"),
                "ICR_QUERY_SIDE_PORT",
                environment,
                logs);
    }

    @AfterAll
    static void stopPlatform() {
        for (AutoCloseable resource : new AutoCloseable[] {querySide, commandSide, database}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
    }

    @Test
    void referralIsSeenByTheReferringAndReceivingAgencyOnlyAndNeverByAnotherPartnership() throws Exception {
        String referrer = keycloak.accessToken("bradford-council-caseworker");
        String receiver = keycloak.accessToken("bradford-esol-worker");
        String thirdAgency = keycloak.accessToken("bradford-jobcentre-worker");
        String otherPartnershipSameKind = keycloak.accessToken("walsall-esol-worker");
        String otherPartnershipReferrer = keycloak.accessToken("walsall-council-caseworker");

        HttpResponse<String> raised = send(post(
                commandSide,
                "/api/referrals",
                referrer,
                "{\"type\":\"ESOL_PLACEMENT\",\"receivingAgencyId\":\"bradford-esol\"}"));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        String referralId = json.readTree(raised.body()).get("referralId").asText();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> send(get(querySide, "/api/referrals/" + referralId, referrer))
                                .statusCode()
                        == 200);

        JsonNode seenByReferrer = json.readTree(
                send(get(querySide, "/api/referrals/" + referralId, referrer)).body());
        assertThat(seenByReferrer.get("status").asText()).isEqualTo("RAISED");
        assertThat(seenByReferrer.get("type").asText()).isEqualTo("ESOL_PLACEMENT");
        assertThat(seenByReferrer.get("referringAgencyId").asText()).isEqualTo("bradford-council-integration");
        assertThat(seenByReferrer.get("receivingAgencyId").asText()).isEqualTo("bradford-esol");
        assertThat(seenByReferrer.get("partnershipId").asText()).isEqualTo("bradford");

        HttpResponse<String> seenByReceiver = send(get(querySide, "/api/referrals/" + referralId, receiver));
        assertThat(seenByReceiver.statusCode()).isEqualTo(200);
        assertThat(idsIn(send(get(querySide, "/api/referrals?box=inbox", receiver))))
                .contains(referralId);
        assertThat(idsIn(send(get(querySide, "/api/referrals?box=outbox", referrer))))
                .contains(referralId);

        for (String outsider : List.of(thirdAgency, otherPartnershipSameKind, otherPartnershipReferrer)) {
            HttpResponse<String> detail = send(get(querySide, "/api/referrals/" + referralId, outsider));
            assertThat(detail.statusCode()).isEqualTo(404);
            assertThat(detail.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            String unknownId = UUID.randomUUID().toString();
            HttpResponse<String> unknown = send(get(querySide, "/api/referrals/" + unknownId, outsider));
            assertThat(detail.body().replace(referralId, "<id>"))
                    .as("an outsider cannot tell this referral from one that does not exist")
                    .isEqualTo(unknown.body().replace(unknownId, "<id>"));
            assertThat(detail.body()).doesNotContain("bradford-esol").doesNotContain("ESOL_PLACEMENT");
            for (String box : List.of("inbox", "outbox", "all")) {
                assertThat(idsIn(send(get(querySide, "/api/referrals?box=" + box, outsider))))
                        .doesNotContain(referralId);
            }
        }
    }

    @Test
    void missingExpiredOrForeignTokensAreRefusedByBothApis() throws Exception {
        String expiring =
                keycloak.passwordGrant("icr-dev-expiring", "bradford-esol-worker", KeycloakTokens.DEMO_PASSWORD);
        String foreignAudience =
                keycloak.passwordGrant("icr-dev-foreign", "bradford-esol-worker", KeycloakTokens.DEMO_PASSWORD);
        String valid = keycloak.accessToken("bradford-esol-worker");
        String badSignature = valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmVkIGJ5IHNvbWVvbmUgZWxzZQ";

        long expiresAt = keycloak.claims(expiring).get("exp").asLong();
        Duration untilExpired = Duration.between(Instant.now(), Instant.ofEpochSecond(expiresAt + 1));
        if (!untilExpired.isNegative()) {
            Thread.sleep(untilExpired.toMillis());
        }

        List<HttpRequest> requests = new ArrayList<>();
        for (String token : new String[] {null, expiring, foreignAudience, badSignature}) {
            requests.add(get(querySide, "/api/referrals?box=inbox", token));
            requests.add(post(
                    commandSide,
                    "/api/referrals",
                    token,
                    "{\"type\":\"ESOL_PLACEMENT\",\"receivingAgencyId\":\"bradford-jobcentre\"}"));
        }
        for (HttpRequest request : requests) {
            HttpResponse<String> response = send(request);
            assertThat(response.statusCode()).as(request.uri().toString()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(send(get(querySide, "/api/referrals?box=inbox", valid)).statusCode())
                .as("the same user's valid token is accepted")
                .isEqualTo(200);
    }

    @Test
    void rolesThatMayNotRaiseReferralsAreForbidden() throws Exception {
        String coordinator = keycloak.accessToken("bradford-coordinator");
        HttpResponse<String> response = send(post(
                commandSide,
                "/api/referrals",
                coordinator,
                "{\"type\":\"ESOL_PLACEMENT\",\"receivingAgencyId\":\"bradford-esol\"}"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void badRequestsAreExplainedAsProblemDetails() throws Exception {
        String referrer = keycloak.accessToken("bradford-council-caseworker");

        HttpResponse<String> wrongType = send(post(
                commandSide,
                "/api/referrals",
                referrer,
                "{\"type\":\"BICYCLE\",\"receivingAgencyId\":\"bradford-esol\"}"));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).doesNotContain("org.integratedcommunities").doesNotContain("Exception");

        HttpResponse<String> missing =
                send(post(commandSide, "/api/referrals", referrer, "{\"type\":\"ESOL_PLACEMENT\"}"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json.readTree(missing.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asText())
                .isEqualTo("receivingAgencyId");

        HttpResponse<String> otherPartnership = send(post(
                commandSide,
                "/api/referrals",
                referrer,
                "{\"type\":\"ESOL_PLACEMENT\",\"receivingAgencyId\":\"walsall-esol\"}"));
        assertThat(otherPartnership.statusCode()).isEqualTo(422);
        assertThat(otherPartnership.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(otherPartnership.body()).get("detail").asText())
                .isEqualTo("The receiving agency is not an agency of your partnership");
    }

    private static List<String> idsIn(HttpResponse<String> list) throws Exception {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json.readTree(list.body())
                .forEach(summary -> ids.add(summary.get("referralId").asText()));
        return ids;
    }

    private static HttpRequest get(RunningApplication application, String path, String token) {
        return authorised(HttpRequest.newBuilder(application.baseUri().resolve(path)), token)
                .GET()
                .build();
    }

    private static HttpRequest post(RunningApplication application, String path, String token, String body) {
        return authorised(HttpRequest.newBuilder(application.baseUri().resolve(path)), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder builder, String token) {
        builder.timeout(Duration.ofSeconds(10));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

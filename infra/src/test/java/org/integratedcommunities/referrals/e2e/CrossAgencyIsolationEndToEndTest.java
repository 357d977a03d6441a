package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.integratedcommunities.referrals.testsupport.ApiRoutes;
import org.integratedcommunities.referrals.testsupport.ApiRoutes.Route;
import org.integratedcommunities.referrals.testsupport.RunningApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Isolation between agencies, generated from the applications' own route lists: each running application's OpenAPI
 * document ({@code /v3/api-docs}, which {@code ApiDocumentationIntegrationTest} holds to the routes the application
 * really has). A new endpoint is covered here without anyone remembering to add it; one whose path names something
 * this test cannot fill, or whose command needs a body this test does not know, fails it until someone extends
 * {@link #PATH_VARIABLES} or {@link #COMMAND_BODIES}.
 *
 * <p>Agency A (Bradford Council's integration team) holds a case with consent and has referred it to Bradford's ESOL
 * provider. The outsiders are a third agency of the same partnership (Jobcentre Plus) and the other partnership
 * (Walsall's ESOL provider, the same kind of agency as A's receiver, and Walsall's council, the same kind as A).
 *
 * <ul>
 *   <li>Every read endpoint of the query API: a path naming A's records answers an outsider 403 or 404 with none of
 *       A's ids in the answer, exactly as for a record that does not exist; a list answers with none of A's ids, for
 *       every value of an enumerated parameter and with A's ids in any parameter named like them; a live stream
 *       (server-sent events) tells an outsider nothing while A's receiver hears of a new referral.
 *   <li>Every command of the command API on a record named in its path: an outsider gets 403 or 404 and the event
 *       store does not change.
 * </ul>
 */
class CrossAgencyIsolationEndToEndTest {

    private static final String REFERRER = "bradford-council-caseworker";
    private static final String RECEIVER = "bradford-esol-worker";
    /** A's partnership's auditor: reads A's records' history, and runs a verified replay whose report is A's. */
    private static final String AUDITOR = "bradford-auditor";

    private static final String AGENCY_A = "bradford-council-integration";
    /** Who must see and do nothing with A's records: a third agency of A's partnership, and the other partnership. */
    private static final List<String> OUTSIDERS = List.of(
            "bradford-jobcentre-worker", "walsall-esol-worker", "walsall-council-caseworker", "walsall-auditor");

    private static final String EVENT_STREAM = "text/event-stream";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static PlatformUnderTest platform;
    private static String caseId;
    private static String referralId;
    private static String replayRunId;
    /** Every id of A's records this test made: none may reach an outsider. */
    private static final Set<String> idsOfA = new CopyOnWriteArraySet<>();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void agencyAHoldsACaseAndHasReferredIt() throws Exception {
        platform = PlatformUnderTest.get();
        String referrer = platform.keycloak.accessToken(REFERRER);
        caseId = platform.openCaseWithConsent(referrer, "ESOL_PLACEMENT");
        referralId = raiseReferral(referrer);
        idsOfA.add(caseId);
        idsOfA.add(referralId);
        HttpResponse<String> replay = platform.send(platform.post(
                platform.querySide, "/api/audit/replay-verifications", platform.keycloak.accessToken(AUDITOR), ""));
        if (replay.statusCode() != 202) {
            throw new AssertionError("starting a verified replay: " + replay.statusCode() + " " + replay.body());
        }
        replayRunId = platform.read(replay).get("id").asText();
        idsOfA.add(replayRunId);
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> platform.send(platform.get(platform.querySide, "/api/referrals/" + referralId, referrer))
                                .statusCode()
                        == 200);
    }

    /**
     * How each path variable the documents use is filled: with A's record, and with one that does not exist (to show
     * that an outsider cannot tell the two apart). A variable not listed here fails the test: add it.
     */
    private static final Map<String, Fill> PATH_VARIABLES = Map.of(
            "referralId", new Fill(() -> referralId, () -> UUID.randomUUID().toString()),
            "caseId", new Fill(() -> caseId, () -> UUID.randomUUID().toString()),
            "runId", new Fill(() -> replayRunId, () -> UUID.randomUUID().toString()),
            "agencyId", new Fill(() -> AGENCY_A, () -> "no-such-agency"),
            "type", new Fill(() -> "ESOL_PLACEMENT", () -> "ESOL_PLACEMENT"));

    /** Query parameters that name records: lists and searches are asked for A's records by their ids. */
    private static final Set<String> ID_PARAMETERS = Set.of("referralId", "caseId", "parentReferralId");

    /**
     * A valid body for each command that takes one, so that the refusal comes from isolation and not from a malformed
     * request (a 400 would prove nothing). A command with a body not listed here fails the test: add it.
     */
    private static final Map<String, Supplier<String>> COMMAND_BODIES = Map.ofEntries(
            Map.entry("POST /api/cases/{caseId}/lawful-bases", () -> """
                    {"basis": "CONSENT", "consent": {"givenBy": "DATA_SUBJECT", "givenOn": "2026-11-01",
                     "purposes": ["ESOL_PLACEMENT"]}}"""),
            Map.entry("POST /api/referrals/{referralId}/acceptance", () -> "{}"),
            Map.entry("POST /api/referrals/{referralId}/assignment", () -> "{\"assignee\": \"someone-else\"}"),
            Map.entry("POST /api/referrals/{referralId}/decline", () -> "{\"reason\": \"NO_CAPACITY\"}"),
            Map.entry(
                    "POST /api/referrals/{referralId}/information-request",
                    () -> "{\"question\": \"Which days suit?\"}"),
            Map.entry("POST /api/referrals/{referralId}/information-response", () -> "{\"answer\": \"Mondays\"}"),
            Map.entry(
                    "POST /api/referrals/{referralId}/redirection",
                    () -> "{\"receivingAgencyId\": \"bradford-jobcentre\"}"),
            Map.entry("POST /api/referrals/{referralId}/withdrawal", () -> "{\"reason\": \"No longer needed\"}"),
            Map.entry("POST /api/referrals/{referralId}/progress", () -> "{\"note\": \"Called her\"}"),
            Map.entry("POST /api/referrals/{referralId}/outcome", () -> """
                    {"outcome": {"kind": "ESOL_PLACEMENT", "result": "PLACED_ON_COURSE", "level": "ENTRY_2",
                                 "courseStart": "2027-01-11"}}"""),
            Map.entry(
                    "POST /api/referrals/{referralId}/onward-referrals",
                    () -> PlatformUnderTest.esolReferral(caseId, "bradford-esol")),
            Map.entry(
                    "PUT /api/directory/agencies/{agencyId}/services",
                    () -> "{\"servicesOffered\": [\"ESOL_PLACEMENT\"]}"),
            Map.entry("PUT /api/directory/service-levels/{type}", () -> "{\"workingDays\": 3}"));

    @Test
    void everyReadEndpointHidesAgencyAsRecordsFromAnotherAgencyAndTheOtherPartnership() throws Exception {
        List<Route> reads = routes(platform.querySide).stream()
                .filter(route -> route.method().equals("GET") && !route.produces(EVENT_STREAM))
                .toList();
        assertThat(reads)
                .as("the query API's document, as the running application serves it")
                .extracting(Route::path)
                .contains("/api/referrals", "/api/referrals/{referralId}");
        Map<String, String> outsiders = tokens(OUTSIDERS);
        Map<String, String> insiders = tokens(List.of(REFERRER, RECEIVER, AUDITOR));
        boolean aListShowedAsReferralToA = false;

        for (Route route : reads) {
            if (route.pathVariables().isEmpty()) {
                for (String url : listCalls(route)) {
                    for (var outsider : outsiders.entrySet()) {
                        HttpResponse<String> answer = get(url, outsider.getValue());
                        assertThat(answer.statusCode())
                                .as("%s as %s: %s", url, outsider.getKey(), answer.body())
                                .isIn(200, 403, 404);
                        assertNothingOfA(answer, url, outsider.getKey());
                    }
                    for (String insider : insiders.values()) {
                        aListShowedAsReferralToA |= get(url, insider).body().contains(referralId);
                    }
                }
            } else {
                String url = route.expand(values(route, Fill::ofA));
                assertThat(insiders.values().stream().map(token -> send(url, token)))
                        .as("%s answers A or A's receiver: else the outsiders' 404 would prove nothing", url)
                        .anyMatch(answer ->
                                answer.statusCode() == 200 && answer.body().contains(idOfAIn(url)));
                for (var outsider : outsiders.entrySet()) {
                    HttpResponse<String> answer = get(url, outsider.getValue());
                    assertThat(answer.statusCode())
                            .as("%s as %s: %s", url, outsider.getKey(), answer.body())
                            .isIn(403, 404);
                    assertNothingOfA(answer, url, outsider.getKey());
                    String unknown = route.expand(values(route, Fill::unknown));
                    assertThat(answer.statusCode())
                            .as("%s as %s answers as for a record that does not exist", url, outsider.getKey())
                            .isEqualTo(get(unknown, outsider.getValue()).statusCode());
                }
            }
        }
        assertThat(aListShowedAsReferralToA)
                .as("some list shows A's referral to A or its receiver: else the outsiders' empty lists prove nothing")
                .isTrue();
    }

    @Test
    void liveStreamsTellAnotherAgencyAndTheOtherPartnershipNothingOfAgencyAsReferrals() throws Exception {
        List<Route> streams = routes(platform.querySide).stream()
                .filter(route -> route.method().equals("GET") && route.produces(EVENT_STREAM))
                .toList();
        assertThat(streams).extracting(Route::path).contains("/api/inbox/updates");
        String referrer = platform.keycloak.accessToken(REFERRER);
        String receiver = platform.keycloak.accessToken(RECEIVER);

        for (Route route : streams) {
            String url = route.expand(values(route, Fill::ofA));
            Map<String, EventStream> outsiders = new LinkedHashMap<>();
            try (EventStream insider =
                    EventStream.open(http, platform.querySide.baseUri().resolve(url), receiver)) {
                for (var outsider : tokens(OUTSIDERS).entrySet()) {
                    outsiders.put(
                            outsider.getKey(),
                            EventStream.open(http, platform.querySide.baseUri().resolve(url), outsider.getValue()));
                }
                assertThat(insider.status).as("%s as A's receiver", url).isEqualTo(200);
                for (var outsider : outsiders.entrySet()) {
                    assertThat(outsider.getValue().status)
                            .as("%s as %s", url, outsider.getKey())
                            .isIn(200, 403, 404);
                }
                // Every stream has said its first word: each is subscribed before A acts.
                for (EventStream stream : concat(insider, outsiders.values())) {
                    await().atMost(PATIENCE).until(() -> !stream.text().isBlank() || stream.ended());
                }

                String newReferral = raiseReferral(referrer);
                idsOfA.add(newReferral);
                HttpResponse<String> accepted = platform.send(platform.post(
                        platform.commandSide, "/api/referrals/" + newReferral + "/acceptance", receiver, "{}"));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);

                await().atMost(PATIENCE)
                        .alias("A's receiver hears of the new referral on " + url)
                        .until(() -> insider.text().contains(newReferral)
                                && insider.text().contains("ACCEPTED"));
                Thread.sleep(2000); // time for anything misdirected to arrive too
            } finally {
                outsiders.values().forEach(EventStream::close);
            }
            for (var outsider : outsiders.entrySet()) {
                String heard = outsider.getValue().text();
                for (String id : idsOfA) {
                    assertThat(heard)
                            .as("%s as %s heard of A's %s", url, outsider.getKey(), id)
                            .doesNotContain(id);
                }
            }
        }
    }

    @Test
    void everyCommandOnAgencyAsRecordsIsRefusedToAnotherAgencyAndTheOtherPartnership() throws Exception {
        List<Route> commands = routes(platform.commandSide).stream()
                .filter(route -> route.method().equals("POST") || route.method().equals("PUT"))
                .filter(route -> !route.pathVariables().isEmpty())
                .toList();
        assertThat(commands)
                .as("the command API's document, as the running application serves it")
                .extracting(Route::toString)
                .contains("POST /api/referrals/{referralId}/acceptance", "POST /api/cases/{caseId}/lawful-bases");
        Map<String, String> outsiders = tokens(OUTSIDERS);

        for (Route route : commands) {
            String url = route.expand(values(route, Fill::ofA));
            String body = body(route);
            for (var outsider : outsiders.entrySet()) {
                long before = platform.eventCount();
                HttpResponse<String> answer =
                        platform.send(request(platform.commandSide, route.method(), url, outsider.getValue(), body));
                long after = platform.eventCount();
                assertThat(answer.statusCode())
                        .as("%s %s as %s: %s", route.method(), url, outsider.getKey(), answer.body())
                        .isIn(403, 404);
                assertThat(after)
                        .as(
                                "%s %s as %s stored events: %s",
                                route.method(), url, outsider.getKey(), eventsAfter(before))
                        .isEqualTo(before);
                assertNothingOfA(answer, url, outsider.getKey());
            }
        }
    }

    // --- filling the routes in ---------------------------------------------------------------------------------------

    /** A path variable's value for A's record, and for a record that does not exist. */
    private record Fill(Supplier<String> ofA, Supplier<String> unknown) {}

    private static Map<String, String> values(Route route, Function<Fill, Supplier<String>> which) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String variable : route.pathVariables()) {
            Fill fill = PATH_VARIABLES.get(variable);
            if (fill == null) {
                fail(
                        "%s has the path variable {%s}, which this test does not know how to fill: add it to"
                                + " PATH_VARIABLES (A's record and one that does not exist)",
                        route, variable);
            }
            values.put(variable, which.apply(fill).get());
        }
        return values;
    }

    /**
     * The calls that check a list: as it comes, once per value of each enumerated parameter, and once with A's id in
     * each parameter that names a record.
     */
    private static List<String> listCalls(Route route) {
        List<String> calls = new ArrayList<>(List.of(route.path()));
        for (JsonNode parameter : route.queryParameters()) {
            String name = parameter.path("name").asText();
            JsonNode schema = parameter.path("schema");
            JsonNode values = schema.has("enum")
                    ? schema.get("enum")
                    : schema.path("items").path("enum");
            values.forEach(value -> calls.add(route.path() + "?" + name + "=" + encode(value.asText())));
            if (ID_PARAMETERS.contains(name)) {
                calls.add(route.path() + "?" + name + "=" + encode(name.equals("caseId") ? caseId : referralId));
            }
        }
        return calls;
    }

    private static String body(Route route) {
        Supplier<String> body = COMMAND_BODIES.get(route.toString());
        if (body == null && route.hasRequestBody()) {
            fail(
                    "%s takes a request body this test does not know: add a valid one to COMMAND_BODIES, so that an"
                            + " outsider is refused for isolation and not for a malformed request",
                    route);
        }
        return body == null ? "" : body.get();
    }

    private static String idOfAIn(String url) {
        return idsOfA.stream().filter(url::contains).findFirst().orElse("");
    }

    // --- what an outsider got
    // -----------------------------------------------------------------------------------------

    /** None of A's ids in the answer, except the path the caller asked for (a problem names it as its instance). */
    private static void assertNothingOfA(HttpResponse<String> answer, String url, String who) {
        String path = URI.create(url).getPath();
        String body = answer.body().replace(path, "<the path asked for>");
        for (String id : idsOfA) {
            assertThat(body).as("%s as %s answered with A's %s", url, who, id).doesNotContain(id);
        }
    }

    private String eventsAfter(long count) throws Exception {
        List<String> events = new ArrayList<>();
        try (Connection connection = platform.database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT type, aggregate_identifier, payload_type FROM event_store.domain_event_entry"
                                + " ORDER BY global_index OFFSET ?")) {
            query.setLong(1, count);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
                }
            }
        }
        return events.toString();
    }

    // --- HTTP
    // ---------------------------------------------------------------------------------------------------------

    private static List<Route> routes(RunningApplication application) throws Exception {
        HttpResponse<String> docs = platform.send(platform.get(application, "/v3/api-docs", null));
        assertThat(docs.statusCode())
                .as("%s serves its OpenAPI document without a token", application.baseUri())
                .isEqualTo(200);
        return ApiRoutes.documented(platform.read(docs));
    }

    private static Map<String, String> tokens(List<String> users) {
        Map<String, String> tokens = new LinkedHashMap<>();
        users.forEach(user -> tokens.put(user, platform.keycloak.accessToken(user)));
        return tokens;
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return platform.send(platform.get(platform.querySide, url, token));
    }

    private static HttpResponse<String> send(String url, String token) {
        try {
            return get(url, token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest request(
            RunningApplication application, String method, String path, String token, String body) {
        return HttpRequest.newBuilder(application.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String raiseReferral(String referrer) throws Exception {
        HttpResponse<String> raised = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals",
                referrer,
                PlatformUnderTest.esolReferral(caseId, "bradford-esol")));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        return platform.read(raised).get("referralId").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<EventStream> concat(EventStream first, Collection<EventStream> rest) {
        List<EventStream> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** A server-sent event stream being read in the background, with everything received so far. */
    private static final class EventStream implements AutoCloseable {

        final int status;
        private final InputStream body;
        private final StringBuffer received = new StringBuffer();
        private volatile boolean ended;

        private EventStream(int status, InputStream body) {
            this.status = status;
            this.body = body;
            Thread reader = new Thread(this::read, "event-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static EventStream open(HttpClient http, URI uri, String token) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", EVENT_STREAM)
                    .GET()
                    .build();
            HttpResponse<InputStream> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return new EventStream(response.statusCode(), response.body());
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    received.append(line).append('\n');
                }
            } catch (IOException closed) {
                // closed by the test
            } finally {
                ended = true;
            }
        }

        String text() {
            return received.toString();
        }

        boolean ended() {
            return ended;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}

package org.integratedcommunities.referrals.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.testsupport.KeycloakTokens;
import org.integratedcommunities.referrals.testsupport.RunningApplication;
import org.integratedcommunities.referrals.testsupport.TestDatabase;

/**
 * The platform as the end-to-end tests see it: a fresh database, the two packaged applications started once for the
 * whole test run (they take a while to start on two cores), real tokens from Keycloak, and plain HTTP.
 */
final class PlatformUnderTest {

    static final Path ROOT =
            Path.of(System.getProperty("icr.project.root", "..")).toAbsolutePath();
    private static final String VERSION = System.getProperty("icr.version", "0.1.0-SNAPSHOT");
    private static PlatformUnderTest started;

    final KeycloakTokens keycloak = new KeycloakTokens();
    final ObjectMapper json = new ObjectMapper();
    final TestDatabase database;
    final RunningApplication commandSide;
    final RunningApplication querySide;
    /** Both services' JVM options, as infra/run deploys them ({@code infra/service.jvm.options}). */
    final List<String> jvmOptions = RunningApplication.jvmOptions(ROOT.resolve("infra/service.jvm.options"));

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PlatformUnderTest() throws Exception {
        database = TestDatabase.create("e2e");
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        Map<String, String> environment = Map.of(
                "ICR_DB_URL",
                database.url(),
                "ICR_DB_USER",
                TestDatabase.user(),
                "ICR_DB_PASSWORD",
                TestDatabase.password(),
                "ICR_ISSUER_URI",
                keycloak.issuer(),
                "ICR_JWT_CLOCK_SKEW",
                "0s",
                "ICR_SEED_DEMO_DATA",
                "false",
                // Every request's method, path, status and time in the application's log (no bodies, no headers);
                // and whatever -Dicr.e2e.jvmOptions adds, such as a flight recording of a benchmark's run.
                "JAVA_TOOL_OPTIONS",
                ("-Dreactor.netty.http.server.accessLogEnabled=true " + System.getProperty("icr.e2e.jvmOptions", ""))
                        .trim());
        Path logs = ROOT.resolve("infra/target/e2e-logs");
        commandSide = RunningApplication.start(
                "command-side",
                ROOT.resolve("command-side/target/command-side-" + VERSION + "-exec.jar"),
                jvmOptions,
                "ICR_COMMAND_SIDE_PORT",
                environment,
                logs);
        // The web UI's forms write through the command side's API, wherever it started.
        Map<String, String> querySideEnvironment = new HashMap<>(environment);
        querySideEnvironment.put("ICR_COMMAND_SIDE_URL", commandSide.baseUri().toString());
        querySide = RunningApplication.start(
                "query-side",
                ROOT.resolve("query-side/target/query-side-" + VERSION + "-exec.jar"),
                jvmOptions,
                "ICR_QUERY_SIDE_PORT",
                querySideEnvironment,
                logs);
    }

    static synchronized PlatformUnderTest get() throws Exception {
        if (started == null) {
            started = new PlatformUnderTest();
        }
        return started;
    }

    /**
     * Where a browser reaches the web UI: {@code http://127.0.0.1:<port>/}, as the realm's web client accepts the
     * loopback address on any port (RFC 8252).
     */
    URI web() {
        return URI.create("http://127.0.0.1:" + querySide.baseUri().getPort() + "/");
    }

    /**
     * Where the browser tests save their screenshots: {@code infra/target/screenshots}, or the folder named by
     * {@code -Dicr.screenshots} relative to the project root (README's are made with
     * {@code -Dicr.screenshots=docs/screenshots}).
     */
    static Path screenshots() {
        String folder = System.getProperty("icr.screenshots");
        return folder == null || folder.isBlank() ? ROOT.resolve("infra/target/screenshots") : ROOT.resolve(folder);
    }

    HttpRequest get(RunningApplication application, String path, String token) {
        return authorised(HttpRequest.newBuilder(application.baseUri().resolve(path)), token)
                .GET()
                .build();
    }

    HttpRequest post(RunningApplication application, String path, String token, String body) {
        return post(application, path, token, body, Map.of());
    }

    HttpRequest post(
            RunningApplication application, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = authorised(
                        HttpRequest.newBuilder(application.baseUri().resolve(path)), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return builder.build();
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw unanswered(request, e);
        }
    }

    /**
     * A request that got no answer in time, with what the database and the application were doing at that moment:
     * the server's busy sessions in the message, the application's threads in a file beside its log.
     */
    HttpTimeoutException unanswered(HttpRequest request, HttpTimeoutException timeout) {
        RunningApplication application =
                request.uri().getPort() == commandSide.baseUri().getPort() ? commandSide : querySide;
        StringBuilder report = new StringBuilder()
                .append(request.method())
                .append(' ')
                .append(request.uri())
                .append(" got no answer within ")
                .append(request.timeout().map(Duration::toString).orElse("the client's time"))
                .append(".\nDatabase sessions not idle:\n")
                .append(busySessions());
        report.append("Pool: ").append(poolGauges(application)).append('\n');
        String threads = application.threadDump();
        Path dump = application.log().resolveSibling(application.log().getFileName() + ".threads-" + Instant.now());
        try {
            Files.writeString(dump, threads);
            report.append("Threads of ")
                    .append(application.log())
                    .append(" in ")
                    .append(dump);
        } catch (IOException e) {
            report.append("Threads (not written: ")
                    .append(e.getMessage())
                    .append("):\n")
                    .append(threads);
        }
        System.err.println(report);
        HttpTimeoutException explained = new HttpTimeoutException(report.toString());
        explained.initCause(timeout);
        return explained;
    }

    /** The connection pool's gauges as the application reports them, asked with a short patience of their own. */
    private String poolGauges(RunningApplication application) {
        try {
            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(application.baseUri().resolve("/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return metrics.body()
                    .lines()
                    .filter(line -> line.startsWith("hikaricp_connections_") && !line.contains("_bucket"))
                    .map(line -> line.replaceAll("\\{.*}", ""))
                    .collect(Collectors.joining("; "));
        } catch (Exception e) {
            return "(not read: " + e + ")";
        }
    }

    private String busySessions() {
        try (Connection connection = database.connect();
                ResultSet sessions = connection
                        .createStatement()
                        .executeQuery("SELECT pid, state, wait_event_type, wait_event,"
                                + " round(extract(epoch FROM now() - xact_start)::numeric, 1) AS in_transaction_s,"
                                + " left(regexp_replace(query, '\\s+', ' ', 'g'), 200) AS query FROM pg_stat_activity"
                                + " WHERE datname = current_database() AND state <> 'idle'"
                                + " AND pid <> pg_backend_pid() ORDER BY xact_start")) {
            StringBuilder rows = new StringBuilder();
            while (sessions.next()) {
                rows.append("  ")
                        .append(sessions.getString("pid"))
                        .append(' ')
                        .append(sessions.getString("state"))
                        .append(" wait=")
                        .append(sessions.getString("wait_event_type"))
                        .append('/')
                        .append(sessions.getString("wait_event"))
                        .append(" tx=")
                        .append(sessions.getString("in_transaction_s"))
                        .append("s ")
                        .append(sessions.getString("query"))
                        .append('\n');
            }
            return rows.toString();
        } catch (Exception e) {
            return "  (not read: " + e.getMessage() + ")\n";
        }
    }

    JsonNode read(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    /** Opens a case at the caseworker's agency and records consent for the given kinds of referral. */
    String openCaseWithConsent(String caseworkerToken, String... purposes) throws Exception {
        HttpResponse<String> opened = send(post(commandSide, "/api/cases", caseworkerToken, """
                {"person": {"fullName": "Test Person", "dateOfBirth": "1990-05-17", "preferredLanguage": "Dari",
                            "interpreterNeeded": true}}
                """));
        if (opened.statusCode() != 201) {
            throw new AssertionError("opening a case: " + opened.statusCode() + " " + opened.body());
        }
        String caseId = read(opened).get("caseId").asText();
        String consent = json.writeValueAsString(Map.of(
                "basis",
                "CONSENT",
                "consent",
                Map.of("givenBy", "DATA_SUBJECT", "givenOn", "2026-11-01", "purposes", purposes)));
        HttpResponse<String> recorded =
                send(post(commandSide, "/api/cases/" + caseId + "/lawful-bases", caseworkerToken, consent));
        if (recorded.statusCode() != 204) {
            throw new AssertionError("recording consent: " + recorded.statusCode() + " " + recorded.body());
        }
        return caseId;
    }

    /** A referral raised through the command API, and the case it was raised from. */
    record Raised(String caseId, String referralId) {}

    /**
     * As the caseworker (a demo username): opens a case with consent to ESOL referrals and raises one to
     * {@code receivingAgencyId} through the command API. Returns once the command side has stored it; the query side
     * may not have it yet.
     */
    Raised raiseEsolReferral(String caseworker, String receivingAgencyId) throws Exception {
        String token = keycloak.accessToken(caseworker);
        String caseId = openCaseWithConsent(token, "ESOL_PLACEMENT");
        HttpResponse<String> raised =
                send(post(commandSide, "/api/referrals", token, esolReferral(caseId, receivingAgencyId)));
        if (raised.statusCode() != 201) {
            throw new AssertionError("raising a referral: " + raised.statusCode() + " " + raised.body());
        }
        return new Raised(caseId, read(raised).get("referralId").asText());
    }

    static String esolReferral(String caseId, String receivingAgencyId) {
        return """
                {"type": "ESOL_PLACEMENT", "caseId": "%s", "receivingAgencyId": "%s",
                 "facts": {"kind": "ESOL_PLACEMENT", "estimatedLevel": "ENTRY_2", "preferredModes": ["CLASSROOM"],
                           "childcareNeeded": true, "mandatedByWorkCoach": false},
                 "particulars": {"kind": "ESOL_PLACEMENT", "availability": "Weekday mornings", "notes": "None"}}
                """.formatted(caseId, receivingAgencyId);
    }

    /** Raised through the command API as the Bradford council caseworker; returns once the receiver can read it. */
    Raised raiseEsolReferralToBradfordEsol() throws Exception {
        Raised raised = raiseEsolReferral("bradford-council-caseworker", "bradford-esol");
        String receiver = keycloak.accessToken("bradford-esol-worker");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> send(get(querySide, "/api/referrals/" + raised.referralId(), receiver))
                                .statusCode()
                        == 200);
        return raised;
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder builder, String token) {
        builder.timeout(Duration.ofSeconds(20));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /**
     * What PostgreSQL's autovacuum would have done by now on a server with the default settings: statistics and a
     * visibility map for every table. This machine's server runs with autovacuum off; without them PostgreSQL plans an
     * inbox page as for an empty table (a sort of the agency's whole inbox: 8.6 ms at 2,625 referrals, against 1.3 ms
     * analysed), so a benchmark would measure the missing statistics. Returns what was done, for the figures.
     */
    String vacuumIfAutovacuumIsOff() throws Exception {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            try (ResultSet setting = statement.executeQuery("SHOW autovacuum")) {
                setting.next();
                if (setting.getString(1).equals("on")) {
                    return "on: the server's autovacuum keeps statistics";
                }
            }
            statement.execute("VACUUM (ANALYZE)");
            return "off on this server: the database was vacuumed and analysed before measuring, as autovacuum would"
                    + " have done";
        }
    }

    /** How many events the store holds: proof that a refused request stored nothing. */
    long eventCount() throws Exception {
        try (Connection connection = database.connect();
                ResultSet count = connection
                        .createStatement()
                        .executeQuery("SELECT count(*) FROM event_store.domain_event_entry")) {
            count.next();
            return count.getLong(1);
        }
    }
}

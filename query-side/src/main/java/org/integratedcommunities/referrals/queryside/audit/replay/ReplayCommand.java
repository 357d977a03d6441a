package org.integratedcommunities.referrals.queryside.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code infra/audit replay}: runs a verified replay on a running query side as an auditor, showing its progress, and
 * prints the report. Exit 0 when the live read models equal the rebuild, 1 with the differences listed when not, 2
 * when it could not run. The token is the auditor's ({@code --token}, or a development sign-in with {@code --user}
 * and {@code --password} through the realm's command-line client).
 */
public final class ReplayCommand {

    static final int SAME = 0;
    static final int DIFFERENT = 1;
    static final int FAILED = 2;

    static final String USAGE = """
            usage: infra/audit replay [--url http://localhost:8080] (--token TOKEN | --user U --password P
                                      [--issuer http://localhost:8180/realms/icr])""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);
    /** Ten minutes of two-second waits while another run (the rebuild is platform-wide) finishes. */
    private static final int MAX_WAITS_FOR_ANOTHER_RUN = 300;

    private ReplayCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length
                    || !List.of("--url", "--token", "--user", "--password", "--issuer")
                            .contains(args[i])) {
                err.println("unknown or incomplete argument " + args[i] + "\n" + USAGE);
                return FAILED;
            }
            options.put(args[i], args[i + 1]);
        }
        String url = options.getOrDefault("--url", "http://localhost:8080");
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            String token = options.containsKey("--token") ? options.get("--token") : signIn(http, options, err);
            if (token == null) {
                err.println(USAGE);
                return FAILED;
            }
            HttpRequest start = HttpRequest.newBuilder(URI.create(url + "/api/audit/replay-verifications"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> started = http.send(start, HttpResponse.BodyHandlers.ofString());
            for (int waited = 0; started.statusCode() == 409 && waited < MAX_WAITS_FOR_ANOTHER_RUN; waited++) {
                if (waited == 0) {
                    out.println("another verified replay is running on that server: waiting for it to end");
                }
                Thread.sleep(POLL.toMillis() * 4);
                started = http.send(start, HttpResponse.BodyHandlers.ofString());
            }
            if (started.statusCode() != 202) {
                err.println("could not start a verified replay: " + started.statusCode() + " " + started.body());
                return FAILED;
            }
            URI progress = URI.create(url)
                    .resolve(started.headers().firstValue("Location").orElseThrow());
            return follow(http, progress, token, out, err);
        } catch (IOException e) {
            err.println("could not reach the query side: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    private static int follow(HttpClient http, URI progress, String token, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        long shown = -1;
        while (true) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(progress)
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                err.println("lost the run: " + answer.statusCode() + " " + answer.body());
                return FAILED;
            }
            JsonNode run = JSON.readTree(answer.body());
            long replayed = run.path("eventsReplayed").asLong();
            long total = run.path("eventsToReplay").asLong();
            if (replayed != shown) {
                out.printf(
                        "replayed %d of %d events%s%n",
                        replayed, total, total > 0 ? " (" + replayed * 100 / total + "%)" : "");
                shown = replayed;
            }
            switch (run.path("state").asText()) {
                case "DONE" -> {
                    return report(run.path("report"), out);
                }
                case "FAILED" -> {
                    err.println(run.path("failure").asText());
                    return FAILED;
                }
                default -> Thread.sleep(POLL.toMillis());
            }
        }
    }

    private static int report(JsonNode report, PrintStream out) {
        out.printf(
                "rebuilt from %d events up to global index %d%n",
                report.path("eventsReplayed").asLong(), report.path("head").asLong());
        out.printf("%-32s %12s %12s %12s%n", "read model", "live rows", "rebuilt rows", "differences");
        for (JsonNode table : report.path("tables")) {
            out.printf(
                    "%-32s %12d %12d %12d%n",
                    table.path("table").asText(),
                    table.path("liveRows").asLong(),
                    table.path("rebuiltRows").asLong(),
                    table.path("differences").asLong());
        }
        for (JsonNode difference : report.path("reportedDifferences")) {
            out.printf(
                    "%s %s %s%n",
                    difference.path("table").asText(),
                    difference.path("kind").asText(),
                    difference.path("key").asText());
        }
        long differences = report.path("differences").asLong();
        out.printf(
                "%d differences (%d not attributable to a partnership)%n",
                differences, report.path("unattributedDifferences").asLong());
        return differences == 0 ? SAME : DIFFERENT;
    }

    /** A development sign-in: the realm's command-line client with the auditor's password (never in production). */
    private static String signIn(HttpClient http, Map<String, String> options, PrintStream err)
            throws IOException, InterruptedException {
        if (!options.containsKey("--user") || !options.containsKey("--password")) {
            err.println("give --token, or --user and --password");
            return null;
        }
        String issuer = options.getOrDefault("--issuer", "http://localhost:8180/realms/icr");
        String form = "grant_type=password&client_id=icr-dev-cli&username=" + encode(options.get("--user"))
                + "&password=" + encode(options.get("--password"));
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            err.println("signing in failed: " + answer.statusCode());
            return null;
        }
        return JSON.readTree(answer.body()).path("access_token").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

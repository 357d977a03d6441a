package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a timed test: the time from the command side acknowledging a raise (201 received by the referrer)
 * to the receiving agency's inbox (the query API, as that agency's worker) showing the referral. Prints p50, p90, p99
 * and max, and writes them as JSON to {@code infra/target/bench/read-your-write.json}; asserts only that every referral
 * did arrive.
 *
 * <p>Referrals are raised one at a time, each waited for before the next, so the figure is the pipeline's own lag
 * (command side, event store, the query side's event reader and projection, the query API), not queueing behind other
 * referrals. The inbox is polled back to back (each poll a few milliseconds), which bounds the measurement error by one
 * poll. {@code infra/bench} runs it with more referrals; the end-to-end suite runs a short version so it keeps working.
 *
 * <p>System properties: {@code icr.bench.referrals} (measured, default 30), {@code icr.bench.warmup} (not measured,
 * default 5).
 */
class ReadYourWriteLagBenchmark {

    private static final String REFERRER = "walsall-council-caseworker";
    private static final String RECEIVER = "walsall-esol-worker";
    private static final String RECEIVING_AGENCY = "walsall-esol";
    /** A referral that has not arrived by then is lost, not slow: the benchmark fails. */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);
    /** Access tokens live 5 minutes; take fresh ones well before. */
    private static final Duration TOKEN_REFRESH = Duration.ofMinutes(2);

    private final int measured = Integer.getInteger("icr.bench.referrals", 30);
    private final int warmUp = Integer.getInteger("icr.bench.warmup", 5);

    private String referrerToken;
    private String receiverToken;
    private Instant tokensTakenAt = Instant.MIN;

    @Test
    void commandAcknowledgedToReceivingAgencysInbox() throws Exception {
        PlatformUnderTest platform = PlatformUnderTest.get();
        refreshTokens(platform);
        String caseId = platform.openCaseWithConsent(referrerToken, "ESOL_PLACEMENT");

        for (int i = 0; i < warmUp; i++) {
            lagOfOneReferral(platform, caseId);
        }
        long[] lagsMicros = new long[measured];
        long[] pollsPerReferral = new long[measured];
        for (int i = 0; i < measured; i++) {
            Lag lag = lagOfOneReferral(platform, caseId);
            lagsMicros[i] = lag.micros();
            pollsPerReferral[i] = lag.polls();
        }

        Arrays.sort(lagsMicros);
        ObjectNode result = platform.json.createObjectNode();
        result.put("benchmark", "read-your-write lag: raise acknowledged -> receiving agency's inbox shows it");
        result.put("ranAt", Instant.now().toString());
        result.put("processors", Runtime.getRuntime().availableProcessors());
        result.put("javaVersion", System.getProperty("java.version"));
        result.put("referrals", measured);
        result.put("warmUpReferrals", warmUp);
        result.put("p50Ms", millis(percentile(lagsMicros, 50)));
        result.put("p90Ms", millis(percentile(lagsMicros, 90)));
        result.put("p99Ms", millis(percentile(lagsMicros, 99)));
        result.put("maxMs", millis(lagsMicros[lagsMicros.length - 1]));
        result.put("minMs", millis(lagsMicros[0]));
        result.put("meanInboxPolls", Arrays.stream(pollsPerReferral).average().orElse(0));

        Path out = Path.of(System.getProperty("icr.project.root", ".."), "infra/target/bench/read-your-write.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, platform.json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println(
                table(result) + "\n(written to " + out.toAbsolutePath().normalize() + ")");

        assertThat(lagsMicros).as("every referral reached the inbox").hasSize(measured);
        assertThat(Files.size(out)).isPositive();
    }

    private record Lag(long micros, long polls) {}

    /** Raises one ESOL referral and polls the receiver's inbox until it is there. */
    private Lag lagOfOneReferral(PlatformUnderTest platform, String caseId) throws Exception {
        refreshTokens(platform);
        HttpResponse<String> raised = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals",
                referrerToken,
                PlatformUnderTest.esolReferral(caseId, RECEIVING_AGENCY)));
        long acknowledged = System.nanoTime();
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        String referralId = platform.read(raised).get("referralId").asText();

        long polls = 0;
        while (true) {
            polls++;
            HttpResponse<String> inbox = platform.send(
                    platform.get(platform.querySide, "/api/referrals?box=inbox&status=RAISED&size=20", receiverToken));
            long seen = System.nanoTime();
            assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
            for (JsonNode item : platform.read(inbox).path("items")) {
                if (item.path("referralId").asText().equals(referralId)) {
                    return new Lag((seen - acknowledged) / 1_000, polls);
                }
            }
            if (Duration.ofNanos(seen - acknowledged).compareTo(GIVE_UP_AFTER) > 0) {
                throw new AssertionError("Referral " + referralId + " did not reach the inbox in " + GIVE_UP_AFTER);
            }
        }
    }

    private void refreshTokens(PlatformUnderTest platform) {
        if (Duration.between(tokensTakenAt, Instant.now()).compareTo(TOKEN_REFRESH) > 0) {
            referrerToken = platform.keycloak.accessToken(REFERRER);
            receiverToken = platform.keycloak.accessToken(RECEIVER);
            tokensTakenAt = Instant.now();
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    private static String table(JsonNode result) {
        List<String> lines = new ArrayList<>();
        lines.add("Read-your-write lag: raise acknowledged -> receiving agency's inbox shows it ("
                + result.get("referrals").asInt() + " referrals, one at a time, "
                + result.get("processors").asInt()
                + " cores)");
        lines.add(String.format(
                Locale.ROOT, "%10s %10s %10s %10s %10s", "p50 ms", "p90 ms", "p99 ms", "max ms", "min ms"));
        lines.add(String.format(
                Locale.ROOT,
                "%10.1f %10.1f %10.1f %10.1f %10.1f",
                result.get("p50Ms").asDouble(),
                result.get("p90Ms").asDouble(),
                result.get("p99Ms").asDouble(),
                result.get("maxMs").asDouble(),
                result.get("minMs").asDouble()));
        return String.join("\n", lines);
    }
}

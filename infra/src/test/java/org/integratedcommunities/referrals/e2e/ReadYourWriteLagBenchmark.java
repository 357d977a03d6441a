package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a timed test: the time from the command side acknowledging a raise (201 received by the referrer)
 * to the receiving agency's inbox (the query API, as that agency's worker) showing the referral. Writes p50, p95, p99
 * and max to {@code infra/target/bench/read-your-write.json}; asserts only that every referral did arrive.
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

    /** A referral that has not arrived by then is lost, not slow: the benchmark fails. */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);

    private final int measured = Integer.getInteger("icr.bench.referrals", 30);
    private final int warmUp = Integer.getInteger("icr.bench.warmup", 5);

    @Test
    void commandAcknowledgedToReceivingAgencysInbox() throws Exception {
        PlatformUnderTest platform = PlatformUnderTest.get();
        BenchmarkFigures.Tokens tokens = new BenchmarkFigures.Tokens(platform);
        String caseId = platform.openCaseWithConsent(tokens.referrer(), "ESOL_PLACEMENT");

        for (int i = 0; i < warmUp; i++) {
            lagOfOneReferral(platform, tokens, caseId);
        }
        long[] lagsMicros = new long[measured];
        long[] pollsPerReferral = new long[measured];
        for (int i = 0; i < measured; i++) {
            Lag lag = lagOfOneReferral(platform, tokens, caseId);
            lagsMicros[i] = lag.micros();
            pollsPerReferral[i] = lag.polls();
        }

        ObjectNode result = platform.json.createObjectNode();
        result.put("benchmark", "read-your-write lag: raise acknowledged -> receiving agency's inbox shows it");
        result.put("referrals", measured);
        result.put("warmUpReferrals", warmUp);
        BenchmarkFigures.putLatencies(result, lagsMicros);
        result.put("meanInboxPolls", Arrays.stream(pollsPerReferral).average().orElse(0));
        Path out = BenchmarkFigures.write(platform, "read-your-write", result);
        BenchmarkFigures.recordPeakMemory(platform);
        System.out.printf(
                "Read-your-write lag over %d referrals, one at a time: p50 %.1f ms, p99 %.1f ms (written to %s)%n",
                measured, result.get("p50Ms").asDouble(), result.get("p99Ms").asDouble(), out);

        assertThat(lagsMicros).as("every referral reached the inbox").hasSize(measured);
    }

    private record Lag(long micros, long polls) {}

    /** Raises one ESOL referral and polls the receiver's inbox until it is there. */
    private Lag lagOfOneReferral(PlatformUnderTest platform, BenchmarkFigures.Tokens tokens, String caseId)
            throws Exception {
        HttpResponse<String> raised = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals",
                tokens.referrer(),
                PlatformUnderTest.esolReferral(caseId, BenchmarkFigures.Tokens.RECEIVING_AGENCY)));
        long acknowledged = System.nanoTime();
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        String referralId = platform.read(raised).get("referralId").asText();
        String receiverToken = tokens.receiver();

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
}

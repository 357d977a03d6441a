package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a timed test: query API latency at a fixed request rate (an open loop: requests leave on a
 * schedule whether or not earlier ones are answered, and each latency counts from its scheduled time, so a stall shows
 * in the figures instead of slowing the load). The receiving agency's worker reads the inbox (first page of 20), then
 * referral details in turn. Writes p50, p95 and p99 to {@code infra/target/bench/queries.json}; asserts only that every
 * request was answered 200.
 *
 * <p>System properties: {@code icr.bench.queryRate} (requests per second, default 20), {@code icr.bench.querySeconds}
 * (default 2).
 */
class QueryLatencyBenchmark {

    private static final int REFERRALS = 20;

    private final int rate = Integer.getInteger("icr.bench.queryRate", 20);
    private final int seconds = Integer.getInteger("icr.bench.querySeconds", 2);

    @Test
    void inboxAndReferralDetailAtAFixedRate() throws Exception {
        PlatformUnderTest platform = PlatformUnderTest.get();
        BenchmarkFigures.Tokens tokens = new BenchmarkFigures.Tokens(platform);
        String caseId = platform.openCaseWithConsent(tokens.referrer(), "ESOL_PLACEMENT");
        List<String> referrals = new ArrayList<>();
        for (int i = 0; i < REFERRALS; i++) {
            HttpResponse<String> raised = platform.send(platform.post(
                    platform.commandSide,
                    "/api/referrals",
                    tokens.referrer(),
                    PlatformUnderTest.esolReferral(caseId, BenchmarkFigures.Tokens.RECEIVING_AGENCY)));
            assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
            referrals.add(platform.read(raised).get("referralId").asText());
        }
        String last = referrals.get(REFERRALS - 1);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        platform.send(platform.get(platform.querySide, "/api/referrals/" + last, tokens.receiver()))
                                        .statusCode()
                                == 200);

        ObjectNode result = platform.json.createObjectNode();
        result.put("benchmark", "query API latency at a fixed request rate (open loop)");
        result.put("requestsPerSecond", rate);
        result.put("seconds", seconds);
        String token = tokens.receiver();
        ObjectNode inbox = result.putObject("inbox");
        int inboxFailures = atFixedRate(
                platform, i -> platform.get(platform.querySide, "/api/referrals?box=inbox&size=20", token), inbox);
        ObjectNode detail = result.putObject("detail");
        int detailFailures = atFixedRate(
                platform,
                i -> platform.get(platform.querySide, "/api/referrals/" + referrals.get(i % REFERRALS), token),
                detail);
        Path out = BenchmarkFigures.write(platform, "queries", result);
        BenchmarkFigures.recordPeakMemory(platform);
        System.out.printf(
                "Queries at %d/s: inbox p50 %.1f ms p99 %.1f ms; detail p50 %.1f ms p99 %.1f ms (written to %s)%n",
                rate,
                inbox.get("p50Ms").asDouble(),
                inbox.get("p99Ms").asDouble(),
                detail.get("p50Ms").asDouble(),
                detail.get("p99Ms").asDouble(),
                out);

        assertThat(inboxFailures + detailFailures)
                .as("every query answered 200")
                .isZero();
    }

    /** Sends the i-th request at i / rate seconds, for the configured time; puts the latencies; returns failures. */
    private int atFixedRate(PlatformUnderTest platform, IntFunction<HttpRequest> request, ObjectNode into)
            throws Exception {
        int total = rate * seconds;
        long[] micros = new long[total];
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        ExecutorService callbacks = Executors.newFixedThreadPool(4);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        HttpClient http = HttpClient.newBuilder().executor(callbacks).build();
        try {
            long start = System.nanoTime() + 50_000_000L;
            for (int i = 0; i < total; i++) {
                int index = i;
                long due = start + i * 1_000_000_000L / rate;
                CompletableFuture<Void> answered = new CompletableFuture<>();
                answers.add(answered);
                clock.schedule(
                        () -> http.sendAsync(request.apply(index), HttpResponse.BodyHandlers.ofString())
                                .whenComplete((response, error) -> {
                                    micros[index] = (System.nanoTime() - due) / 1_000;
                                    if (error != null || response.statusCode() != 200) {
                                        failures.incrementAndGet();
                                    }
                                    answered.complete(null);
                                }),
                        due - System.nanoTime(),
                        TimeUnit.NANOSECONDS);
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(seconds + 60L, TimeUnit.SECONDS);
        } finally {
            clock.shutdownNow();
            callbacks.shutdownNow();
        }
        BenchmarkFigures.putLatencies(into, micros);
        into.put("failures", failures.get());
        return failures.get();
    }
}

package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.integratedcommunities.referrals.e2e.BenchmarkFigures.TimerTotals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a timed test: query API latency at fixed request rates (an open loop: requests leave on a schedule
 * whether or not earlier ones are answered, and each latency counts from its scheduled time, so a stall shows in the
 * figures instead of slowing the load). The receiving agency's worker reads the inbox (first page of 20), then
 * referral details in turn.
 *
 * <p>First a warm-up of both kinds at the first rate, then each measured phase (one request kind at one rate) follows a
 * warm-up at the same rate; warm-ups are not counted (JIT, connection pools, the client's connections). First the
 * service time: both kinds at a low rate, where a request almost never waits for another, so what it measures is the
 * work of one request; then each rate asked for. Beside
 * the client's latencies, each phase records the query side's own view from its Prometheus timers over the phase
 * (the mean of the HTTP request as the server timed it, and of waiting for and holding a pooled connection), so
 * queueing in front of the server, inside it and the work itself can be told apart.
 *
 * <p>Before measuring, where the server runs with autovacuum off (this machine's does), the database is vacuumed and
 * analysed as autovacuum would have done ({@link PlatformUnderTest#vacuumIfAutovacuumIsOff}): the figures are those of
 * a read model with statistics, and {@code queries.json} says which it was.
 *
 * <p>Writes {@code infra/target/bench/queries.json}; asserts only that every request that was answered was answered
 * 200 (a request unanswered within its time-out is a latency of an overloaded service, counted as {@code timedOut}). System
 * properties: {@code icr.bench.queryRate} (requests per second, one rate or several comma-separated, default 20),
 * {@code icr.bench.querySeconds} (measured seconds per kind and rate, default 2), {@code icr.bench.queryWarmupSeconds}
 * (default 1), {@code icr.bench.queryServiceRate} (the low rate of the service time, default 10).
 */
class QueryLatencyBenchmark {

    private static final int REFERRALS = 20;

    private final int[] rates = Arrays.stream(
                    System.getProperty("icr.bench.queryRate", "20").split(","))
            .map(String::trim)
            .mapToInt(Integer::parseInt)
            .toArray();
    private final int seconds = Integer.getInteger("icr.bench.querySeconds", 2);
    private final int warmupSeconds = Integer.getInteger("icr.bench.queryWarmupSeconds", 1);
    private final int serviceRate = Integer.getInteger("icr.bench.queryServiceRate", 10);

    // One client for every phase, so a measured phase reuses the connections its warm-up opened (a client per phase
    // would open new ones during the measurement, and count their set-up as the service's latency).
    private final ExecutorService callbacks = Executors.newFixedThreadPool(4);
    // HTTP/1.1 as API clients use it (the default would offer every new connection an h2c upgrade first).
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(callbacks)
            .build();

    @AfterEach
    void stopClient() {
        callbacks.shutdownNow();
    }

    @Test
    void inboxAndReferralDetailAtFixedRates() throws Exception {
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
        result.put("benchmark", "query API latency at fixed request rates (open loop), after a warm-up at each");
        result.put("autovacuum", platform.vacuumIfAutovacuumIsOff());
        result.put("seconds", seconds);
        result.put("warmupSeconds", warmupSeconds);
        String token = tokens.receiver();
        IntFunction<HttpRequest> inbox =
                i -> platform.get(platform.querySide, "/api/referrals?box=inbox&size=20", token);
        IntFunction<HttpRequest> detail =
                i -> platform.get(platform.querySide, "/api/referrals/" + referrals.get(i % REFERRALS), token);
        int failures = 0;
        List<String> printed = new ArrayList<>();

        // Compiled code and warm pools before anything is measured, at the load the measurements start with.
        failures += atFixedRate(rates[0], warmupSeconds, inbox, null);
        failures += atFixedRate(rates[0], warmupSeconds, detail, null);

        ObjectNode service = result.putObject("serviceTime");
        service.put("requestsPerSecond", serviceRate);
        failures += phase(platform, serviceRate, inbox, "/api/referrals", service.putObject("inbox"));
        failures += phase(platform, serviceRate, detail, "/api/referrals/{referralId}", service.putObject("detail"));
        printed.add(line("service time at " + serviceRate + "/s", service));

        ArrayNode levels = result.putArray("levels");
        for (int rate : rates) {
            ObjectNode level = levels.addObject();
            level.put("requestsPerSecond", rate);
            failures += phase(platform, rate, inbox, "/api/referrals", level.putObject("inbox"));
            failures += phase(platform, rate, detail, "/api/referrals/{referralId}", level.putObject("detail"));
            printed.add(line("at " + rate + "/s", level));
        }
        Path out = BenchmarkFigures.write(platform, "queries", result);
        BenchmarkFigures.recordPeakMemory(platform);
        System.out.printf("Queries (written to %s):%n  %s%n", out, String.join("\n  ", printed));

        assertThat(failures).as("every answered query answered 200").isZero();
    }

    private static String line(String label, ObjectNode level) {
        return "%s: inbox p50 %.1f ms p99 %.1f ms; detail p50 %.1f ms p99 %.1f ms"
                .formatted(
                        label,
                        level.get("inbox").get("p50Ms").asDouble(),
                        level.get("inbox").get("p99Ms").asDouble(),
                        level.get("detail").get("p50Ms").asDouble(),
                        level.get("detail").get("p99Ms").asDouble());
    }

    /**
     * A warm-up at {@code rate} (not counted), then the measured run at the same rate: the client's latencies and the
     * server's own means over the measured run into {@code into}; returns the failures of both.
     */
    private int phase(
            PlatformUnderTest platform, int rate, IntFunction<HttpRequest> request, String uri, ObjectNode into)
            throws Exception {
        int failures = atFixedRate(rate, warmupSeconds, request, null);
        ServerTimers before = ServerTimers.read(platform, uri);
        failures += atFixedRate(rate, seconds, request, into);
        ServerTimers.read(platform, uri).putMeansSince(before, into);
        return failures;
    }

    /**
     * Sends the i-th request at i / rate seconds, for the given time; puts the latencies (unless {@code into} is
     * null, a warm-up); returns failures.
     */
    private int atFixedRate(int rate, int forSeconds, IntFunction<HttpRequest> request, ObjectNode into)
            throws Exception {
        int total = rate * forSeconds;
        long[] micros = new long[total];
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
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
                                    if (error instanceof HttpTimeoutException
                                            || error != null && error.getCause() instanceof HttpTimeoutException) {
                                        // Unanswered within the request's time-out: a latency of at least that
                                        // (an overloaded service), counted apart from wrong answers.
                                        timedOut.incrementAndGet();
                                    } else if (error != null || response.statusCode() != 200) {
                                        failures.incrementAndGet();
                                    }
                                    answered.complete(null);
                                }),
                        due - System.nanoTime(),
                        TimeUnit.NANOSECONDS);
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(forSeconds + 60L, TimeUnit.SECONDS);
        } finally {
            clock.shutdownNow();
        }
        if (into != null) {
            BenchmarkFigures.putLatencies(into, micros);
            into.put("failures", failures.get());
            into.put("timedOut", timedOut.get());
        }
        return failures.get();
    }

    /**
     * The query side's Prometheus timers at one moment: the HTTP requests to one URI template as the server timed
     * them, and the pool's waits for a connection and holds of one (the pool also serves the projections).
     */
    private record ServerTimers(TimerTotals request, TimerTotals acquire, TimerTotals usage) {

        static ServerTimers read(PlatformUnderTest platform, String uri) throws Exception {
            String metrics = platform.send(platform.get(platform.querySide, "/actuator/prometheus", null))
                    .body();
            return new ServerTimers(
                    TimerTotals.read(metrics, "http_server_requests_seconds", "uri=\"" + uri + "\""),
                    TimerTotals.read(metrics, "hikaricp_connections_acquire_seconds", ""),
                    TimerTotals.read(metrics, "hikaricp_connections_usage_seconds", ""));
        }

        void putMeansSince(ServerTimers before, ObjectNode into) {
            into.put("serverMeanMs", request.meanMillisSince(before.request));
            into.put("connectionAcquireMeanMs", acquire.meanMillisSince(before.acquire));
            into.put("connectionInUseMeanMs", usage.meanMillisSince(before.usage));
        }
    }
}

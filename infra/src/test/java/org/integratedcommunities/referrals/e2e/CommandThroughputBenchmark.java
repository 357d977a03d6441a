package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a timed test: command throughput through the real command API. Each of N clients (a closed loop:
 * the next request leaves when the last one is answered) drives referrals through their life — raise, accept, record
 * the outcome, close — for a fixed time, and every command's latency is kept. Writes commands per second and p50, p95,
 * p99 per concurrency level to {@code infra/target/bench/commands.json}; asserts only that every command succeeded.
 *
 * <p>System properties: {@code icr.bench.clients} (comma-separated concurrency levels, default {@code 1,4}),
 * {@code icr.bench.seconds} (measured seconds per level, default 2), {@code icr.bench.warmupSeconds} (before each
 * level, default 1), {@code icr.bench.jitWarmupSeconds} (once, before the first level, at the highest client count;
 * default 0), {@code icr.bench.openReferrals} (referrals raised and left open before the first level, so that their
 * acknowledgement deadlines are pending as a city's open referrals' are; default 0).
 *
 * <p>Why a warm-up of its own before the first level: the command side is measured as the long-running service it is,
 * not in its first minute. Freshly started, its JIT compiler takes one of the machine's two cores for minutes (on the
 * 2-core machine the C2 compiler thread used 6.9 of the command side's 11.7 CPU-seconds over its first 15 s under
 * load, and was still compiling hundreds of methods every 15 s after several thousand commands), so a level measured
 * right after start-up measures the compiler.
 *
 * <p>After the levels, the same clients send the API a request it refuses before the command bus (a whole raise but
 * for its receiving agency: 400 from bean validation), at each level too: the floor under every command, the HTTP server, the bearer
 * token's verification, the security chain and the JSON body, with no aggregate, event or database statement. Written
 * as {@code apiFloorLevels}, so a command's rate can be read against what the API around it allows on the machine.
 */
class CommandThroughputBenchmark {

    private static final String OUTCOME = """
            {"outcome": {"kind": "ESOL_PLACEMENT", "result": "PLACED_ON_COURSE", "level": "ENTRY_2",
                         "courseStart": "2027-01-11"}}
            """;

    private final List<Integer> clientLevels = Arrays.stream(
                    System.getProperty("icr.bench.clients", "1,4").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();
    private final int seconds = Integer.getInteger("icr.bench.seconds", 2);
    private final int warmUpSeconds = Integer.getInteger("icr.bench.warmupSeconds", 1);
    private final int jitWarmUpSeconds = Integer.getInteger("icr.bench.jitWarmupSeconds", 0);
    private final int openReferrals = Integer.getInteger("icr.bench.openReferrals", 0);

    @Test
    void referralsRaisedAcceptedAndClosedThroughTheCommandApi() throws Exception {
        PlatformUnderTest platform = PlatformUnderTest.get();
        BenchmarkFigures.Tokens tokens = new BenchmarkFigures.Tokens(platform);
        int mostClients = clientLevels.stream().max(Integer::compare).orElse(1);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < mostClients; i++) {
            cases.add(platform.openCaseWithConsent(tokens.referrer(), "ESOL_PLACEMENT"));
        }

        ObjectNode result = platform.json.createObjectNode();
        result.put("benchmark", "commands through the command API: raise, accept, record outcome, close");
        result.put("secondsPerLevel", seconds);
        result.put("warmUpSecondsBeforeFirstLevel", jitWarmUpSeconds);
        result.put("warmUpSecondsPerLevel", warmUpSeconds);
        ArrayNode levels = result.putArray("levels");
        long failures = 0;
        result.put("openReferralsBeforeFirstLevel", openReferrals);
        if (openReferrals > 0) {
            raiseOpenReferrals(platform, tokens, cases);
        }
        if (jitWarmUpSeconds > 0) {
            run(platform, tokens, cases, mostClients, jitWarmUpSeconds);
        }
        for (int clients : clientLevels) {
            run(platform, tokens, cases, clients, warmUpSeconds);
            ProcessCpu before = ProcessCpu.now(platform);
            Run measured = run(platform, tokens, cases, clients, seconds);
            ProcessCpu after = ProcessCpu.now(platform);
            failures += measured.failures().size();
            ObjectNode level = BenchmarkFigures.putLatencies(levels.addObject(), measured.latenciesMicros());
            level.put("clients", clients);
            level.put("commandsPerSecond", Math.round(measured.latenciesMicros().length * 10.0 / seconds) / 10.0);
            level.put("failures", measured.failures().size());
            // Where the cores went: what PostgreSQL alone spends per command bounds the rate on this machine.
            after.putPerUnitSince(before, measured.latenciesMicros().length, level.putObject("cpuMsPerCommand"));
            System.out.printf(
                    "Commands, %d clients: %.1f/s, p50 %.1f ms, p99 %.1f ms%n",
                    clients,
                    level.get("commandsPerSecond").asDouble(),
                    level.get("p50Ms").asDouble(),
                    level.get("p99Ms").asDouble());
        }
        // Where a command's time goes, from the command side's own timers over the whole run (warm-ups included).
        String metrics = platform.send(platform.get(platform.commandSide, "/actuator/prometheus", null))
                .body();
        ObjectNode means = result.putObject("commandSideMeansMs");
        means.put(
                "httpRequest", BenchmarkFigures.meanMillis(metrics, "http_server_requests_seconds", "/api/referrals"));
        means.put(
                "connectionAcquire", BenchmarkFigures.meanMillis(metrics, "hikaricp_connections_acquire_seconds", ""));
        means.put("connectionInUse", BenchmarkFigures.meanMillis(metrics, "hikaricp_connections_usage_seconds", ""));
        for (String line : metrics.split("\n")) {
            // Axon's command monitors (dimensional: one timer per kind, tagged by command name)
            String[] type = line.split(" ");
            if (line.startsWith("# TYPE ")
                    && type.length == 4
                    && type[2].toLowerCase(Locale.ROOT).contains("command")
                    && (type[3].equals("summary") || type[3].equals("histogram"))) {
                means.put(type[2], BenchmarkFigures.meanMillis(metrics, type[2], ""));
            }
        }
        // The floor after the command side's timers are read, which the refused requests would otherwise join.
        ArrayNode floorLevels = result.putArray("apiFloorLevels");
        for (int clients : clientLevels) {
            run(clients, warmUpSeconds, cases, (caseId, until) -> refusedRaises(platform, tokens, caseId, until));
            Run measured =
                    run(clients, seconds, cases, (caseId, until) -> refusedRaises(platform, tokens, caseId, until));
            failures += measured.failures().size();
            ObjectNode level = BenchmarkFigures.putLatencies(floorLevels.addObject(), measured.latenciesMicros());
            level.put("clients", clients);
            level.put("requestsPerSecond", Math.round(measured.latenciesMicros().length * 10.0 / seconds) / 10.0);
            System.out.printf(
                    "Refused before the command bus, %d clients: %.1f/s, p50 %.1f ms, p99 %.1f ms%n",
                    clients,
                    level.get("requestsPerSecond").asDouble(),
                    level.get("p50Ms").asDouble(),
                    level.get("p99Ms").asDouble());
        }
        Path out = BenchmarkFigures.write(platform, "commands", result);
        BenchmarkFigures.recordPeakMemory(platform);
        System.out.println("(written to " + out + ")");

        assertThat(failures)
                .as("every command succeeded, every raise without a receiver was refused")
                .isZero();
    }

    /** Referrals raised and never accepted: each keeps an acknowledgement deadline pending while the levels run. */
    private void raiseOpenReferrals(PlatformUnderTest platform, BenchmarkFigures.Tokens tokens, List<String> cases)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(cases.size());
        try {
            List<Future<Integer>> raised = new ArrayList<>();
            for (int c = 0; c < cases.size(); c++) {
                String caseId = cases.get(c);
                int share = openReferrals / cases.size() + (c < openReferrals % cases.size() ? 1 : 0);
                raised.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        HttpResponse<String> response = platform.send(platform.post(
                                platform.commandSide,
                                "/api/referrals",
                                tokens.referrer(),
                                PlatformUnderTest.esolReferral(caseId, BenchmarkFigures.Tokens.RECEIVING_AGENCY)));
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    }
                    return share;
                }));
            }
            for (Future<Integer> share : raised) {
                share.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private record Run(long[] latenciesMicros, List<String> failures) {}

    /** What one client does until the time is up, on its own case. */
    private interface Client {
        Run run(String caseId, long until) throws Exception;
    }

    private Run run(
            PlatformUnderTest platform, BenchmarkFigures.Tokens tokens, List<String> cases, int clients, int forSeconds)
            throws Exception {
        return run(clients, forSeconds, cases, (caseId, until) -> client(platform, tokens, caseId, until));
    }

    private Run run(int clients, int forSeconds, List<String> cases, Client client) throws Exception {
        long until = System.nanoTime() + forSeconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Run>> runs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String caseId = cases.get(c);
                runs.add(pool.submit(() -> client.run(caseId, until)));
            }
            List<long[]> latencies = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (Future<Run> run : runs) {
                latencies.add(run.get().latenciesMicros());
                failures.addAll(run.get().failures());
            }
            return new Run(latencies.stream().flatMapToLong(Arrays::stream).toArray(), failures);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One client: whole referral lifecycles, back to back, until the time is up. */
    private static Run client(PlatformUnderTest platform, BenchmarkFigures.Tokens tokens, String caseId, long until)
            throws Exception {
        long[] latencies = new long[1024];
        int count = 0;
        List<String> failures = new ArrayList<>();
        while (System.nanoTime() < until) {
            HttpRequest raise = platform.post(
                    platform.commandSide,
                    "/api/referrals",
                    tokens.referrer(),
                    PlatformUnderTest.esolReferral(caseId, BenchmarkFigures.Tokens.RECEIVING_AGENCY));
            long started = System.nanoTime();
            HttpResponse<String> raised = platform.send(raise);
            latencies = record(latencies, count++, started);
            if (raised.statusCode() != 201) {
                failures.add("raise: " + raised.statusCode() + " " + raised.body());
                continue;
            }
            String path =
                    "/api/referrals/" + platform.read(raised).get("referralId").asText();
            for (String[] step : new String[][] {{"/acceptance", "{}"}, {"/outcome", OUTCOME}, {"/closure", ""}}) {
                HttpRequest request = platform.post(platform.commandSide, path + step[0], tokens.receiver(), step[1]);
                started = System.nanoTime();
                HttpResponse<String> response = platform.send(request);
                latencies = record(latencies, count++, started);
                if (response.statusCode() != 204) {
                    failures.add(step[0] + ": " + response.statusCode() + " " + response.body());
                    break;
                }
            }
        }
        return new Run(Arrays.copyOf(latencies, count), failures);
    }

    /** One client: whole raises but for the receiving agency, which the API refuses (400) before any command is sent. */
    private static Run refusedRaises(
            PlatformUnderTest platform, BenchmarkFigures.Tokens tokens, String caseId, long until) throws Exception {
        String withoutReceiver = PlatformUnderTest.esolReferral(caseId, BenchmarkFigures.Tokens.RECEIVING_AGENCY)
                .replace("\"receivingAgencyId\": \"" + BenchmarkFigures.Tokens.RECEIVING_AGENCY + "\",", "");
        assertThat(withoutReceiver).doesNotContain("receivingAgencyId");
        long[] latencies = new long[1024];
        int count = 0;
        List<String> failures = new ArrayList<>();
        while (System.nanoTime() < until) {
            HttpRequest raise =
                    platform.post(platform.commandSide, "/api/referrals", tokens.referrer(), withoutReceiver);
            long started = System.nanoTime();
            HttpResponse<String> refused = platform.send(raise);
            latencies = record(latencies, count++, started);
            if (refused.statusCode() != 400) {
                failures.add("raise without a receiver, case " + caseId + ": " + refused.statusCode() + " "
                        + refused.body());
            }
        }
        return new Run(Arrays.copyOf(latencies, count), failures);
    }

    private static long[] record(long[] latencies, int index, long startedNanos) {
        long micros = (System.nanoTime() - startedNanos) / 1_000;
        long[] room = index < latencies.length ? latencies : Arrays.copyOf(latencies, latencies.length * 2);
        room[index] = micros;
        return room;
    }
}

package org.integratedcommunities.referrals.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.integratedcommunities.referrals.testsupport.RunningApplication;

/**
 * What the platform benchmarks share: latency percentiles, one JSON file per benchmark under
 * {@code infra/target/bench/} (infra/bench assembles them into one table), and the services' peak memory.
 */
final class BenchmarkFigures {

    private static final Path FOLDER =
            Path.of(System.getProperty("icr.project.root", "..")).resolve("infra/target/bench");

    private BenchmarkFigures() {}

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Microseconds as milliseconds with one decimal. */
    static double millis(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    /** Puts p50, p95, p99 and max (milliseconds) of the latencies (microseconds, sorted here) into the node. */
    static ObjectNode putLatencies(ObjectNode node, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        node.put("count", sorted.length);
        node.put("p50Ms", millis(percentile(sorted, 50)));
        node.put("p95Ms", millis(percentile(sorted, 95)));
        node.put("p99Ms", millis(percentile(sorted, 99)));
        node.put("maxMs", sorted.length == 0 ? 0 : millis(sorted[sorted.length - 1]));
        return node;
    }

    /** Writes {@code infra/target/bench/<name>.json}, stamped with when it ran, and returns the path. */
    static Path write(PlatformUnderTest platform, String name, ObjectNode result) throws IOException {
        result.put("ranAt", Instant.now().toString());
        Path out = FOLDER.resolve(name + ".json");
        Files.createDirectories(FOLDER);
        Files.writeString(out, platform.json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        return out;
    }

    /**
     * Records both services' peak resident memory so far ({@code memory.json}). Every benchmark calls it when it ends;
     * the peak only grows, so the file holds the peak over all of them.
     */
    static void recordPeakMemory(PlatformUnderTest platform) throws IOException {
        ObjectNode memory = platform.json.createObjectNode();
        memory.put("commandSidePeakRssMb", platform.commandSide.peakResidentKib() / 1024);
        memory.put("querySidePeakRssMb", platform.querySide.peakResidentKib() / 1024);
        memory.put("maxHeapMb", RunningApplication.maxHeapMb(platform.jvmOptions));
        platform.jvmOptions.forEach(memory.putArray("jvmOptions")::add);
        write(platform, "memory", memory);
    }

    /**
     * The mean in milliseconds of a Prometheus timer over the application's life so far, counting only samples whose
     * labels contain {@code labelsContaining}; -1 when there are none.
     */
    static double meanMillis(String prometheusText, String timer, String labelsContaining) {
        return TimerTotals.read(prometheusText, timer, labelsContaining).meanMillisSince(TimerTotals.NONE);
    }

    /** A Prometheus timer's totals at one moment: the sums of its {@code _sum} (seconds) and {@code _count} samples. */
    record TimerTotals(double seconds, double count) {

        static final TimerTotals NONE = new TimerTotals(0, 0);

        /** The totals of the timer's samples whose labels contain {@code labelsContaining}. */
        static TimerTotals read(String prometheusText, String timer, String labelsContaining) {
            double seconds = 0;
            double count = 0;
            for (String line : prometheusText.split("\n")) {
                if (line.startsWith("#") || !line.contains(labelsContaining)) {
                    continue;
                }
                String name = line.contains("{") ? line.substring(0, line.indexOf('{')) : line.split(" ")[0];
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (name.equals(timer + "_sum")) {
                    seconds += value;
                } else if (name.equals(timer + "_count")) {
                    count += value;
                }
            }
            return new TimerTotals(seconds, count);
        }

        /** The mean in milliseconds of what was timed between {@code before} and these totals; -1 if nothing was. */
        double meanMillisSince(TimerTotals before) {
            double timed = count - before.count;
            return timed <= 0 ? -1 : Math.round((seconds - before.seconds) / timed * 10_000) / 10.0;
        }
    }

    /** Access tokens of a referrer and a receiver at Walsall, taken afresh well before they expire (5 minutes). */
    static final class Tokens {
        static final String REFERRER = "walsall-council-caseworker";
        static final String RECEIVER = "walsall-esol-worker";
        static final String RECEIVING_AGENCY = "walsall-esol";
        private static final Duration REFRESH = Duration.ofMinutes(2);

        private final PlatformUnderTest platform;
        private String referrer;
        private String receiver;
        private Instant takenAt = Instant.MIN;

        Tokens(PlatformUnderTest platform) {
            this.platform = platform;
        }

        synchronized String referrer() {
            refresh();
            return referrer;
        }

        synchronized String receiver() {
            refresh();
            return receiver;
        }

        private void refresh() {
            if (Duration.between(takenAt, Instant.now()).compareTo(REFRESH) > 0) {
                referrer = platform.keycloak.accessToken(REFERRER);
                receiver = platform.keycloak.accessToken(RECEIVER);
                takenAt = Instant.now();
            }
        }
    }
}

package org.integratedcommunities.referrals.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * The CPU time each process of the machine's load has used so far: both services, PostgreSQL's server processes (all
 * of them, whatever database: the one the benchmark uses is the only busy one) and the benchmark's own JVM. Two
 * readings around a measured level say where its cores went, per command, so a throughput can be set against what
 * PostgreSQL alone spends on it.
 */
record ProcessCpu(Duration commandSide, Duration querySide, Duration postgres, Duration driver) {

    static ProcessCpu now(PlatformUnderTest platform) {
        Duration postgres = ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .command()
                        .map(command -> command.endsWith("/postgres"))
                        .orElse(false))
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        return new ProcessCpu(
                platform.commandSide.cpuTime(),
                platform.querySide.cpuTime(),
                postgres,
                ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
    }

    /** Milliseconds of CPU per unit of work since {@code before}, by process, into {@code into}. */
    void putPerUnitSince(ProcessCpu before, long units, ObjectNode into) {
        into.put("commandSide", perUnit(commandSide.minus(before.commandSide), units));
        into.put("querySide", perUnit(querySide.minus(before.querySide), units));
        into.put("postgres", perUnit(postgres.minus(before.postgres), units));
        into.put("driver", perUnit(driver.minus(before.driver), units));
    }

    private static double perUnit(Duration used, long units) {
        return units == 0 ? -1 : Math.round(used.toNanos() / 1e4 / units) / 100.0;
    }
}

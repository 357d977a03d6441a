package org.integratedcommunities.referrals.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the platform's applications started from its packaged jar as a separate process, as it runs in production,
 * so end-to-end tests prove the real deployable and not an in-test wiring of it.
 */
public final class RunningApplication implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private RunningApplication(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar with the JVM options and environment given and waits until its readiness probe answers.
     *
     * @param jvmOptions the services' options as deployed ({@link #jvmOptions(Path)})
     * @param portVariable the environment variable through which the application takes its HTTP port
     */
    public static RunningApplication start(
            String name,
            Path jar,
            List<String> jvmOptions,
            String portVariable,
            Map<String, String> environment,
            Path logFolder)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the applications first (./mvnw package)");
        }
        int port = FreePorts.next();
        Files.createDirectories(logFolder);
        Path log = logFolder.resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put(portVariable, String.valueOf(port));
        Process process = builder.start();
        RunningApplication application = new RunningApplication(name, process, port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(application::close));
        application.awaitReady(Duration.ofSeconds(120));
        return application;
    }

    /**
     * The JVM options in a java argument file ({@code infra/service.jvm.options}, which {@code infra/run} passes to
     * java as {@code @file}): one option a line, {@code #} comments and blank lines skipped. A collector named by system
     * property {@code icr.e2e.gc} ({@code Serial}, {@code G1} or {@code Parallel}) replaces the file's, for a benchmark
     * that compares collectors.
     */
    public static List<String> jvmOptions(Path argumentFile) throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(argumentFile)) {
            String option = line.strip();
            if (!option.isEmpty() && !option.startsWith("#")) {
                options.add(option);
            }
        }
        String collector = System.getProperty("icr.e2e.gc");
        if (collector != null && !collector.isBlank()) {
            if (!List.of("Serial", "G1", "Parallel").contains(collector)) {
                throw new IllegalArgumentException("icr.e2e.gc must be Serial, G1 or Parallel, not " + collector);
            }
            options.removeIf(option -> option.matches("-XX:\\+Use\\w+GC"));
            options.add("-XX:+Use" + collector + "GC");
        }
        return List.copyOf(options);
    }

    /** The maximum heap in MB that {@code -Xmx} among the options sets (the last one counts, as for java); -1 if none. */
    public static int maxHeapMb(List<String> jvmOptions) {
        int megabytes = -1;
        for (String option : jvmOptions) {
            if (option.matches("-Xmx\\d+[mM]")) {
                megabytes = Integer.parseInt(option.substring(4, option.length() - 1));
            } else if (option.matches("-Xmx\\d+[gG]")) {
                megabytes = Integer.parseInt(option.substring(4, option.length() - 1)) * 1024;
            }
        }
        return megabytes;
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    public Path log() {
        return log;
    }

    /**
     * The application's threads as {@code jcmd Thread.print} shows them, for a test to keep when a request went
     * unanswered; a line saying why where it cannot be taken.
     */
    public String threadDump() {
        Path jcmd = ProcessHandle.current()
                .info()
                .command()
                .map(java -> Path.of(java).resolveSibling("jcmd"))
                .orElse(Path.of("jcmd"));
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            byte[] output = dump.getInputStream().readAllBytes();
            dump.waitFor(30, TimeUnit.SECONDS);
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "no thread dump of " + name + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no thread dump of " + name + ": interrupted";
        }
    }

    /** The process's CPU time so far, user and system (zero where the platform does not say). */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * The most memory the process has held resident since it started (Linux's {@code VmHWM}), in kibibytes; -1 where
     * {@code /proc} does not say.
     */
    public long peakResidentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException notReadable) {
            // not Linux, or the process has gone
        }
        return -1;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(baseUri().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /** Stops the application as an operator would (SIGTERM), and forcibly if it does not stop in time. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

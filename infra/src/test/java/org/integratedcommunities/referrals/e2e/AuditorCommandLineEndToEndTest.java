package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The auditor's verified replay from the command line ({@code infra/audit replay}) against the running platform: it
 * shows its progress, rebuilds every read model from the event store, and finds them equal to the live ones.
 */
class AuditorCommandLineEndToEndTest {

    private static final Path ROOT =
            Path.of(System.getProperty("icr.project.root", "..")).toAbsolutePath();

    @Test
    void aVerifiedReplayFromTheCommandLineFindsTheLiveReadModelsEqualToTheRebuild() throws Exception {
        PlatformUnderTest platform = PlatformUnderTest.get();
        String caseworker = platform.keycloak.accessToken("bradford-council-caseworker");
        platform.openCaseWithConsent(caseworker, "ESOL_PLACEMENT");

        Result replay = run(
                "replay",
                "--url",
                platform.querySide.baseUri().toString().replaceAll("/$", ""),
                "--token",
                platform.keycloak.accessToken("bradford-auditor"));

        assertThat(replay.exit()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("replayed ").contains("case_file").contains("0 differences");

        Result refused = run(
                "replay", "--url", platform.querySide.baseUri().toString().replaceAll("/$", ""), "--token", caseworker);
        assertThat(refused.exit()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("403");
    }

    private record Result(int exit, String output) {}

    private static Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(
                List.of("bash", ROOT.resolve("infra/audit").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Read to the end first: the process must never block on a full pipe.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("infra/audit did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}

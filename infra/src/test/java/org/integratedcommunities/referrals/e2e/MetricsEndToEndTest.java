package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.testsupport.RunningApplication;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Both services expose their metrics for Prometheus at {@code /actuator/prometheus}, without a token: during a run
 * they show Axon's message monitors (command handling, event processor latency per processing group), the HTTP
 * server's, the business counters, the dead letters and the processors' lag, and no metric is tagged with an id;
 * the dashboard and the alerts in {@code infra/monitoring} read only series that are there.
 */
class MetricsEndToEndTest {

    private static final Pattern UUID_IN_A_TAG =
            Pattern.compile("=\"[^\"]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[^\"]*\"");

    @Test
    void bothServicesShowTheirMetricsDuringARun() throws Exception {
        PlatformUnderTest platform = PlatformUnderTest.get();
        String referrer = platform.keycloak.accessToken("bradford-council-caseworker");
        String caseId = platform.openCaseWithConsent(referrer, "ESOL_PLACEMENT");
        HttpResponse<String> raised = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals",
                referrer,
                PlatformUnderTest.esolReferral(caseId, "bradford-esol")));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        String referralId = platform.read(raised).get("referralId").asText();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> platform.send(platform.get(platform.querySide, "/api/referrals/" + referralId, referrer))
                                .statusCode()
                        == 200);

        // A decline (counted by reason), and a referral made by phone four weeks ago: its acknowledgement SLA (ESOL,
        // 10 working days) is already past when it is raised, so its deadline fires at once (a breach, by type).
        HttpResponse<String> declined = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals/" + referralId + "/decline",
                platform.keycloak.accessToken("bradford-esol-worker"),
                "{\"reason\": \"NO_CAPACITY\"}"));
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(204);
        String madeByPhone = PlatformUnderTest.esolReferral(caseId, "bradford-esol")
                .replaceFirst("\\{", "{\"madeOn\": \"" + LocalDate.now().minusDays(28) + "\", ");
        HttpResponse<String> overdue =
                platform.send(platform.post(platform.commandSide, "/api/referrals", referrer, madeByPhone));
        assertThat(overdue.statusCode()).as(overdue.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> scrape(platform, platform.commandSide).contains("icr_sla_breaches_total{"));

        awaitNoLag(platform, platform.commandSide, "consent-withdrawal");
        String commands = scrape(platform, platform.commandSide);
        assertThat(commands)
                .containsPattern("icr_referrals_raised_total\\{[^}]*type=\"ESOL_PLACEMENT\"")
                .containsPattern("icr_sla_breaches_total\\{[^}]*type=\"ESOL_PLACEMENT\"")
                .containsPattern("icr_referrals_declined_total\\{[^}]*reason=\"NO_CAPACITY\"")
                .containsPattern("(?i)commandBus[a-z_]*\\{")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/referrals\"")
                .containsPattern("(?i)eventProcessor_latency[a-z_]*\\{[^}]*eventProcessor=\"referral-register\"")
                .containsPattern(
                        "eventProcessor_events_total\\{[^}]*eventProcessor=\"referral-register\"[^}]*outcome=\"success\"")
                .contains("application=\"command-side\"")
                .as("the lean processor monitor, not Axon's four per event")
                .doesNotContain("eventProcessor_capacity")
                .as("a subscribing processor handles in the storing transaction: it has no lag")
                .doesNotContainPattern("eventProcessor_lag\\{[^}]*eventProcessor=\"referral-register\"");
        assertNoIdTags(commands);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> scrape(platform, platform.querySide).contains("icr_dead_letters{"));
        awaitNoLag(platform, platform.querySide, "referral-summaries");
        String queries = scrape(platform, platform.querySide);
        assertThat(queries)
                .containsPattern("(?i)eventProcessor_latency[a-z_]*\\{[^}]*eventProcessor=\"referral-summaries\"")
                .containsPattern(
                        "eventProcessor_events_total\\{[^}]*eventProcessor=\"referral-summaries\"[^}]*outcome=\"success\"")
                .containsPattern("icr_dead_letters\\{[^}]*processing_group=\"referral-summaries\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/referrals/\\{referralId\\}\"")
                .contains("application=\"query-side\"");
        assertNoIdTags(queries);

        assertMonitoringReadsPublishedSeries(commands + queries);
    }

    /**
     * Every series the Grafana dashboard draws and the Prometheus alerts watch ({@code infra/monitoring}) is one the
     * services publish: a metric renamed in the code, or misspelt in a panel, would otherwise leave a panel empty and
     * an alert silent with nothing to say so.
     */
    private static void assertMonitoringReadsPublishedSeries(String scraped) throws Exception {
        Set<String> published = scraped.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());
        Path monitoring = PlatformUnderTest.ROOT.resolve("infra/monitoring");
        List<String> expressions = new ArrayList<>();
        new ObjectMapper()
                .readTree(monitoring.resolve("grafana-dashboard.json").toFile())
                .get("panels")
                .forEach(panel -> panel.get("targets")
                        .forEach(target -> expressions.add(target.get("expr").asText())));
        Map<String, List<Map<String, List<Map<String, Object>>>>> alerts =
                new Yaml().load(Files.readString(monitoring.resolve("alerts.yml")));
        alerts.get("groups")
                .forEach(group -> group.get("rules")
                        .forEach(rule -> expressions.add(rule.get("expr").toString())));

        assertThat(expressions)
                .as("the dashboard's and the alerts' expressions")
                .hasSizeGreaterThan(10);
        for (String expression : expressions) {
            List<Pattern> series = seriesRead(expression);
            assertThat(series).as("series read by %s", expression).isNotEmpty();
            for (Pattern name : series) {
                assertThat(published)
                        .as("a published series for %s in %s", name, expression)
                        .anyMatch(metric -> name.matcher(metric).matches());
            }
        }
    }

    /** The series a PromQL expression reads, as patterns of metric names: its {@code __name__} matchers and names. */
    private static List<Pattern> seriesRead(String expression) {
        List<Pattern> series = new ArrayList<>();
        Matcher byName = Pattern.compile("__name__=~\"([^\"]+)\"").matcher(expression);
        while (byName.find()) {
            series.add(Pattern.compile(byName.group(1)));
        }
        String withoutLabels = expression
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\[[^]]*]", " ");
        // A metric name has an underscore here; a function (histogram_quantile) is followed by its parenthesis.
        Matcher name = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*_[a-zA-Z0-9_:]*)\\b(?!\\s*\\()")
                .matcher(withoutLabels);
        while (name.find()) {
            series.add(Pattern.compile(Pattern.quote(name.group(1))));
        }
        return series;
    }

    /**
     * Waits for the processor's {@code eventProcessor_lag} to read 0: every event of the test handled, and the gauge
     * (read from the tokens every few seconds) caught up with that.
     */
    private static void awaitNoLag(PlatformUnderTest platform, RunningApplication application, String processor) {
        Pattern noLag =
                Pattern.compile("(?m)^eventProcessor_lag\\{[^}]*eventProcessor=\"" + processor + "\"[^}]*} 0\\.0$");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> noLag.matcher(scrape(platform, application)).find());
    }

    private static String scrape(PlatformUnderTest platform, RunningApplication application) throws Exception {
        HttpResponse<String> metrics = platform.send(platform.get(application, "/actuator/prometheus", null));
        assertThat(metrics.statusCode())
                .as("/actuator/prometheus needs no token")
                .isEqualTo(200);
        return metrics.body();
    }

    private static void assertNoIdTags(String metrics) {
        List<String> withIds = metrics.lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> UUID_IN_A_TAG.matcher(line).find())
                .toList();
        assertThat(withIds).as("metrics tagged with an id").isEmpty();
    }
}

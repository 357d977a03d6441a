package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.integratedcommunities.referrals.e2e.PlatformUnderTest.Raised;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The auditor's workspace in a real browser (Debian's headless Chromium) against the packaged applications, the real
 * Keycloak and a fresh database: the Bradford auditor signs in and starts on the workspace, finds a referral's events
 * in the event log, opens its history as at a moment before its acceptance (raised, then), runs the integrity check
 * (intact), starts a verified replay and sees it finish with no differences, and finds their own as-at read in the
 * access log. A caseworker gets the 403 page. axe-core checks every page; screenshots of the main ones go to
 * {@code infra/target/screenshots}, or to {@code -Dicr.screenshots} (README's: {@code docs/screenshots}).
 */
class AuditorWorkspaceEndToEndTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static PlatformUnderTest platform;
    private static URI web;
    private static Path screenshots;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = PlatformUnderTest.get();
        web = URI.create("http://127.0.0.1:" + platform.querySide.baseUri().getPort() + "/");
        Path root = Path.of(System.getProperty("icr.project.root", "..")).toAbsolutePath();
        String folder = System.getProperty("icr.screenshots");
        screenshots =
                folder == null || folder.isBlank() ? root.resolve("infra/target/screenshots") : root.resolve(folder);
    }

    @Test
    void theAuditorFollowsAReferralThroughTheLogsItsHistoryTheIntegrityCheckAndAVerifiedReplay() throws Exception {
        Raised raised = platform.raiseEsolReferralToBradfordEsol();
        String referralId = raised.referralId();
        String caseworkerToken = platform.keycloak.accessToken("bradford-council-caseworker");
        Instant raisedAt = Instant.parse(platform.read(platform.send(
                        platform.get(platform.querySide, "/api/referrals/" + referralId, caseworkerToken)))
                .path("raisedAt")
                .asText());
        // A moment between the raise and the acceptance that the picker can name to the second: the acceptance waits
        // until well after it (this is no timed assertion, only events kept apart).
        Instant beforeAcceptance = raisedAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        Thread.sleep(Math.max(
                0,
                Duration.between(Instant.now(), beforeAcceptance.plusMillis(500))
                        .toMillis()));
        String esolToken = platform.keycloak.accessToken("bradford-esol-worker");
        assertThat(platform.send(platform.post(
                                platform.commandSide, "/api/referrals/" + referralId + "/acceptance", esolToken, "{}"))
                        .statusCode())
                .isEqualTo(204);
        String auditorToken = platform.keycloak.accessToken("bradford-auditor");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonNode log = platform.read(platform.send(platform.get(
                            platform.querySide, "/api/audit/events?recordId=" + referralId, auditorToken)));
                    return log.path("total").asLong() == 2;
                });

        try (Browser auditor = Browser.withJavaScript(web)) {
            auditor.signIn("bradford-auditor");
            assertThat(auditor.path()).as("the auditor starts on the workspace").isEqualTo("/audit");
            assertThat(auditor.heading()).isEqualTo("Audit");
            auditor.checkAccessibility();
            auditor.screenshot(screenshots, "audit-workspace");

            auditor.driver.findElement(By.id("to-events")).click();
            auditor.awaitPath("/audit/events");
            auditor.driver.findElement(By.id("events-recordId")).sendKeys(referralId);
            auditor.driver.findElement(By.id("events-submit")).click();
            auditor.awaitUrlContaining("recordId=" + referralId);
            assertThat(auditor.driver.findElement(By.id("event-log")).getText())
                    .contains("Showing 1 to 2 of 2 events")
                    .contains("Raised: ESOL_PLACEMENT from bradford-council-integration to bradford-esol")
                    .contains("Accepted")
                    .contains("Caseworker, Bradford Council Integration Team")
                    .contains("Agency worker, Airedale ESOL Learning Centre");
            assertThat(auditor.driver.findElement(By.id("download-csv")).getAttribute("href"))
                    .contains("/audit/events/export.csv?recordId=" + referralId);
            auditor.checkAccessibility();
            auditor.driver.executeScript("document.getElementById('downloads').scrollIntoView()");
            auditor.screenshot(screenshots, "audit-event-log");

            WebElement raisedRow = auditor.driver
                    .findElements(By.cssSelector("#event-log tbody tr"))
                    .get(0);
            raisedRow.findElement(By.tagName("a")).click();
            auditor.awaitUrlContaining("/audit/referrals/" + referralId);
            assertThat(status(auditor)).as("as it stood after it was raised").isEqualTo("Raised");

            ZonedDateTime moment = beforeAcceptance.atZone(LONDON);
            Map<String, Integer> picked = Map.of(
                    "day", moment.getDayOfMonth(),
                    "month", moment.getMonthValue(),
                    "year", moment.getYear(),
                    "hour", moment.getHour(),
                    "minute", moment.getMinute(),
                    "second", moment.getSecond());
            picked.forEach((part, value) -> {
                WebElement input = auditor.driver.findElement(By.id("asat-at-" + part));
                input.clear();
                input.sendKeys(String.valueOf(value));
            });
            auditor.driver.findElement(By.id("asat-submit")).click();
            auditor.awaitUrlContaining("at-second=");
            assertThat(status(auditor)).as("as it stood before its acceptance").isEqualTo("Raised");
            assertThat(auditor.driver.findElement(By.id("as-at")).getText())
                    .contains(String.format(
                            "%d:%02d:%02d",
                            moment.getHour() % 12 == 0 ? 12 : moment.getHour() % 12,
                            moment.getMinute(),
                            moment.getSecond()));
            assertThat(auditor.driver.findElement(By.id("referral-timeline")).getText())
                    .contains("Raised")
                    .doesNotContain("Accepted");
            auditor.checkAccessibility();
            auditor.driver.executeScript("window.scrollTo(0, 0)");
            auditor.screenshot(screenshots, "audit-history");
            auditor.driver.findElement(By.linkText("Show it as it stands now")).click();
            auditor.awaitShown(driver -> !driver.getCurrentUrl().contains("at-second="));
            assertThat(status(auditor)).isEqualTo("Accepted");

            auditor.open("/audit/integrity");
            auditor.checkAccessibility();
            auditor.driver.findElement(By.id("check-integrity")).click();
            auditor.awaitPath("/audit/integrity/check");
            assertThat(auditor.driver.findElement(By.id("integrity-result")).getText())
                    .contains("Intact");
            auditor.checkAccessibility();
            auditor.screenshot(screenshots, "audit-integrity");

            auditor.open("/audit/replay");
            auditor.checkAccessibility();
            auditor.driver.findElement(By.id("start-replay")).click();
            auditor.awaitUrlContaining("/audit/replay/");
            // The page follows the run by itself (its script polls and shows the report when the run ends).
            auditor.awaitShown(
                    driver -> !driver.findElements(By.id("replay-result")).isEmpty(), Duration.ofMinutes(3));
            assertThat(auditor.driver.findElement(By.id("replay-result")).getText())
                    .contains("No differences");
            assertThat(auditor.driver.findElement(By.id("replay-tables")).getText())
                    .contains("Referral summary")
                    .contains("Access log");
            auditor.checkAccessibility();
            auditor.screenshot(screenshots, "audit-replay");

            auditor.open("/audit/access-log");
            auditor.driver.findElement(By.id("access-recordId")).sendKeys(referralId);
            auditor.driver.findElement(By.id("access-submit")).click();
            auditor.awaitUrlContaining("recordId=" + referralId);
            // The access log is a projection: the auditor's own reads reach it within moments.
            auditor.awaitShown(driver -> {
                if (driver.findElements(By.id("access-log")).isEmpty()) {
                    driver.navigate().refresh();
                    return false;
                }
                return driver.findElement(By.id("access-log")).getText().contains("Referral history");
            });
            assertThat(auditor.driver.findElement(By.id("access-log")).getText())
                    .contains("Referral history")
                    .contains("Auditor, Bradford Council Integration Team")
                    .contains(referralId)
                    .contains("Audit");
            auditor.checkAccessibility();
            auditor.driver.executeScript("document.getElementById('access-log').scrollIntoView()");
            auditor.screenshot(screenshots, "audit-access-log");
        }

        try (Browser caseworker = Browser.withJavaScript(web)) {
            caseworker.signIn("bradford-council-caseworker");
            assertThat(caseworker.driver.findElements(By.linkText("Audit"))).isEmpty();
            caseworker.open("/audit/events");
            assertThat(caseworker.heading()).isEqualTo("You cannot see this page");
            assertThat(caseworker.text()).doesNotContain(referralId);
            caseworker.checkAccessibility();
        }
    }

    @Test
    void withoutJavaScriptTheReplaysProgressPageHasACheckProgressButton() throws Exception {
        try (Browser auditor = Browser.withoutJavaScript(web)) {
            auditor.signIn("bradford-auditor");
            auditor.open("/audit/replay");
            auditor.driver.findElement(By.id("start-replay")).click();
            auditor.awaitUrlContaining("/audit/replay/");
            String run = auditor.path();
            auditor.awaitShown(
                    driver -> {
                        if (!driver.findElements(By.id("replay-result")).isEmpty()) {
                            return true;
                        }
                        driver.findElement(By.id("check-progress")).click();
                        return false;
                    },
                    Duration.ofMinutes(3));
            assertThat(auditor.path()).isEqualTo(run);
            assertThat(auditor.driver.findElement(By.id("replay-result")).getText())
                    .contains("No differences");
        }
    }

    private static String status(Browser browser) {
        return browser.driver.findElement(By.id("referral-status")).getText();
    }
}

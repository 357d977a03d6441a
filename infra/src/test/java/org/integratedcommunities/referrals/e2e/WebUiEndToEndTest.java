package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedcommunities.referrals.e2e.UiPage.banner;
import static org.integratedcommunities.referrals.e2e.UiPage.choose;
import static org.integratedcommunities.referrals.e2e.UiPage.errorSummary;
import static org.integratedcommunities.referrals.e2e.UiPage.row;
import static org.integratedcommunities.referrals.e2e.UiPage.status;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.integratedcommunities.referrals.e2e.PlatformUnderTest.Raised;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web UI in a real browser (Debian's headless Chromium) against the packaged applications, the real Keycloak and
 * a fresh PostgreSQL database: users sign in on Keycloak's own login page, see their agency's referrals, open one, and
 * sign out at Keycloak too; a third agency gets the 404 page for the referral's address. The forms write through the
 * real command side: a caseworker opens a case, records consent and raises an ESOL referral, which arrives in the
 * receiving agency's open inbox without a reload; the receiving agency returns it for information, the referrer answers, the receiver accepts and records the outcome, and the referrer sees
 * it in the outbox; a concern about an out-of-school setting reaches the safeguarding lead once 999 is recorded. A form
 * with problems, or one the command side refuses, stores nothing; the same form submitted twice is stored once; and
 * raising and accepting work with JavaScript turned off. axe-core checks the pages of ours the browser visits with
 * JavaScript.
 *
 * <p>The browser reaches the query side at {@code http://127.0.0.1:<free port>}: the realm's web client accepts the
 * loopback address on any port (RFC 8252), so the applications can start on free ports. Screenshots of the main pages
 * go to {@code infra/target/screenshots}, or to the folder named by {@code -Dicr.screenshots} (README's are made with
 * {@code -Dicr.screenshots=docs/screenshots}, relative to the project root).
 */
class WebUiEndToEndTest {

    private static PlatformUnderTest platform;
    private static URI web;
    private static Path screenshots;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = PlatformUnderTest.get();
        web = platform.web();
        screenshots = PlatformUnderTest.screenshots();
    }

    @Test
    void theReferrerAndTheReceiverSeeTheReferralAndAThirdAgencyGetsThe404Page() throws Exception {
        Raised raised = platform.raiseEsolReferralToBradfordEsol();
        String referralId = raised.referralId();

        try (Browser referrer = Browser.withJavaScript(web)) {
            referrer.signIn("bradford-council-caseworker");
            assertThat(referrer.path()).as("a caseworker starts on the outbox").isEqualTo("/outbox");
            assertThat(referrer.heading()).isEqualTo("Outbox");
            assertThat(referrer.driver.findElement(By.tagName("body")).getAttribute("class"))
                    .as("GOV.UK Frontend's script ran under the content security policy")
                    .contains("govuk-frontend-supported");
            WebElement row = row(referrer, referralId);
            assertThat(row.getText())
                    .contains("ESOL placement")
                    .as("the agency by its name from the directory")
                    .contains("Airedale ESOL Learning Centre")
                    .contains("Raised");
            referrer.checkAccessibility();
            referrer.screenshot(screenshots, "outbox");

            row.findElement(By.tagName("a")).click();
            referrer.awaitUrlContaining("/referrals/" + referralId);
            assertThat(referrer.heading()).isEqualTo("ESOL placement");
            assertThat(referrer.text()).contains("Weekday mornings").contains("View the case");
            referrer.checkAccessibility();

            referrer.driver.findElement(By.linkText("View the case")).click();
            referrer.awaitUrlContaining("/cases/" + raised.caseId());
            assertThat(referrer.heading()).isEqualTo("Test Person");
            assertThat(referrer.text())
                    .contains("Dari")
                    .contains("ESOL placement")
                    .contains("Lawful basis recorded");
            referrer.checkAccessibility();
            referrer.screenshot(screenshots, "case");
            referrer.driver.findElement(By.linkText("Cases")).click();
            referrer.awaitPath("/cases");
            assertThat(referrer.driver
                            .findElement(By.cssSelector("tr[data-case-id='" + raised.caseId() + "']"))
                            .getText())
                    .contains("Test Person")
                    .contains("17 May 1990");
            referrer.checkAccessibility();
            referrer.screenshot(screenshots, "cases");

            referrer.signOut();
            assertThat(referrer.path()).isEqualTo("/");
            referrer.checkAccessibility();
            referrer.screenshot(screenshots, "start-page");
            referrer.open("/outbox");
            assertThat(referrer.driver.findElements(By.id("kc-form-login")))
                    .as("signed out at Keycloak too: the outbox asks for a sign-in again")
                    .isNotEmpty();
        }

        try (Browser receiver = Browser.withJavaScript(web)) {
            receiver.signIn("bradford-esol-worker");
            assertThat(receiver.path())
                    .as("an agency worker starts on the inbox")
                    .isEqualTo("/inbox");
            assertThat(receiver.heading()).isEqualTo("Inbox");
            WebElement row = row(receiver, referralId);
            assertThat(row.getText())
                    .contains("ESOL placement")
                    .contains("Bradford Council Integration Team")
                    .contains("Due");
            receiver.checkAccessibility();
            receiver.screenshot(screenshots, "inbox");

            row.findElement(By.tagName("a")).click();
            receiver.awaitUrlContaining("/referrals/" + referralId);
            assertThat(receiver.heading()).isEqualTo("ESOL placement");
            assertThat(receiver.text())
                    .contains("Weekday mornings")
                    .contains("Held by the agency that opened the case")
                    .contains("Caseworker, Bradford Council Integration Team");
            receiver.checkAccessibility();
            receiver.screenshot(screenshots, "referral");
            receiver.signOut();
        }

        try (Browser thirdAgency = Browser.withJavaScript(web)) {
            thirdAgency.signIn("bradford-jobcentre-worker");
            assertThat(thirdAgency.path()).isEqualTo("/inbox");
            assertThat(thirdAgency.driver.findElements(By.cssSelector("tr[data-referral-id='" + referralId + "']")))
                    .isEmpty();
            thirdAgency.open("/referrals/" + referralId);
            assertThat(thirdAgency.heading()).isEqualTo("Page not found");
            assertThat(thirdAgency.text()).doesNotContain("ESOL placement").doesNotContain("Weekday mornings");
            thirdAgency.checkAccessibility();
            thirdAgency.screenshot(screenshots, "not-found");
        }

        try (Browser coordinator = Browser.withJavaScript(web)) {
            coordinator.signIn("bradford-coordinator");
            assertThat(coordinator.path())
                    .as("the coordinator starts on the escalations")
                    .isEqualTo("/escalations");
            assertThat(coordinator.heading()).isEqualTo("Escalations");
            coordinator.checkAccessibility();
            coordinator.screenshot(screenshots, "escalations");
            coordinator.open("/referrals/" + referralId);
            assertThat(coordinator.heading())
                    .as("the coordinator sees figures, not referrals")
                    .isEqualTo("You cannot see this page");
            coordinator.checkAccessibility();
        }
    }

    @Test
    void aCaseworkerRaisesAnEsolReferralTheReceiverAsksTheReferrerAnswersAndTheOutcomeReachesTheOutbox()
            throws Exception {
        String referralId;
        String page;
        try (Browser receiver = Browser.withJavaScript(web)) {
            // The receiving agency's worker has the inbox open (newest first) while the referral is raised.
            receiver.signIn("bradford-esol-worker");
            assertThat(receiver.path()).isEqualTo("/inbox");
            receiver.awaitShown(driver -> "true"
                    .equals(driver.findElement(By.id("referral-list")).getAttribute("data-live-inbox-connected")));
            receiver.driver.executeScript("window.icrSameDocument = true");

            try (Browser referrer = Browser.withJavaScript(web)) {
                referrer.signIn("bradford-council-caseworker");
                referralId =
                        raiseEsolReferralThroughTheUi(referrer, "Amina Example").referralId();
            }
            page = "/referrals/" + referralId;

            receiver.awaitShown(
                    driver -> !driver.findElements(By.cssSelector("tr[data-referral-id='" + referralId + "']"))
                            .isEmpty());
            assertThat(receiver.driver.executeScript("return window.icrSameDocument === true"))
                    .as("the referral arrived in the open inbox without a reload")
                    .isEqualTo(true);
            row(receiver, referralId).findElement(By.tagName("a")).click();
            receiver.awaitUrlContaining(page);
            assertThat(receiver.text()).contains("What you can do").contains("Accept the referral");
            receiver.checkAccessibility();
            receiver.screenshot(screenshots, "referral-actions");

            long events = platform.eventCount();
            receiver.driver.findElement(By.id("return-submit")).click();
            receiver.awaitPath(page + "/return");
            assertThat(errorSummary(receiver)).contains("Enter your question for the referrer");
            assertThat(receiver.driver.getTitle()).startsWith("Error: ");
            assertThat(platform.eventCount())
                    .as("a form with problems stores nothing")
                    .isEqualTo(events);
            receiver.checkAccessibility();
            receiver.screenshot(screenshots, "form-errors");
            receiver.driver
                    .findElement(By.linkText("Enter your question for the referrer"))
                    .click();
            assertThat(receiver.driver.switchTo().activeElement().getAttribute("id"))
                    .as("the error summary's link goes to the field")
                    .isEqualTo("return-question");

            receiver.driver.findElement(By.id("return-question")).sendKeys("Which days can she attend?");
            receiver.driver.findElement(By.id("return-submit")).click();
            receiver.awaitUrlContaining("done=return");
            assertThat(banner(receiver)).contains("You returned the referral for information");
            assertThat(status(receiver)).isEqualTo("Returned for information");
            receiver.checkAccessibility();
        }

        try (Browser referrer = Browser.withJavaScript(web)) {
            referrer.signIn("bradford-council-caseworker");
            referrer.open(page);
            assertThat(referrer.text()).contains("Which days can she attend?");
            referrer.driver.findElement(By.id("answer-answer")).sendKeys("Tuesdays and Thursdays");
            referrer.driver.findElement(By.id("answer-submit")).click();
            referrer.awaitUrlContaining("done=answer");
            assertThat(banner(referrer)).contains("You answered the question");
            assertThat(status(referrer)).isEqualTo("Raised");
            referrer.checkAccessibility();
        }

        try (Browser receiver = Browser.withJavaScript(web)) {
            receiver.signIn("bradford-esol-worker");
            receiver.open(page);
            assertThat(receiver.text()).contains("Tuesdays and Thursdays");
            receiver.driver.findElement(By.id("accept-submit")).click();
            receiver.awaitUrlContaining("done=accept");
            assertThat(banner(receiver)).contains("You accepted the referral");
            assertThat(status(receiver)).isEqualTo("Accepted");

            receiver.driver
                    .findElement(By.cssSelector("label[for='outcome-result-PLACED_ON_COURSE']"))
                    .click();
            receiver.driver
                    .findElement(By.cssSelector("label[for='outcome-level-ENTRY_2']"))
                    .click();
            receiver.driver.findElement(By.id("outcome-courseStart-day")).sendKeys("11");
            receiver.driver.findElement(By.id("outcome-courseStart-month")).sendKeys("1");
            receiver.driver.findElement(By.id("outcome-courseStart-year")).sendKeys("2027");
            receiver.checkAccessibility();
            receiver.driver.findElement(By.id("outcome-submit")).click();
            receiver.awaitUrlContaining("done=outcome");
            assertThat(banner(receiver)).contains("You recorded the outcome");
            assertThat(status(receiver)).isEqualTo("Outcome recorded");
            assertThat(receiver.driver.findElement(By.id("referral-outcome")).getText())
                    .contains("Placed on course")
                    .contains("Entry 2")
                    .contains("11 January 2027");
        }

        try (Browser referrer = Browser.withJavaScript(web)) {
            referrer.signIn("bradford-council-caseworker");
            assertThat(referrer.path()).isEqualTo("/outbox");
            assertThat(row(referrer, referralId).getText())
                    .contains("Outcome recorded")
                    .contains("Placed on course");
        }
    }

    @Test
    void aConcernAboutAnOutOfSchoolSettingReachesTheSafeguardingLeadOnce999IsRecorded() throws Exception {
        String referralId;
        try (Browser reporter = Browser.withJavaScript(web)) {
            reporter.signIn("bradford-council-caseworker");
            reporter.driver.findElement(By.id("report-concern")).click();
            reporter.awaitPath("/referrals/new-concern");
            choose(reporter, "receivingAgencyId", "bradford-oos-safeguarding");
            reporter.driver.findElement(By.id("concern-settingName")).sendKeys("Example Tuition Centre");
            choose(reporter, "settingType", "TUITION_CENTRE");
            choose(reporter, "settingSize", "SMALL");
            choose(reporter, "categories", "SAFEGUARDING");
            choose(reporter, "childInImmediateDanger", "YES");
            choose(reporter, "emergencyServicesCalled", "NO");
            choose(reporter, "allegationAgainstStaffOrVolunteer", "NO");
            reporter.driver.findElement(By.id("concern-description")).sendKeys("Children left alone after classes");
            choose(reporter, "reporterAnonymous", "YES");
            reporter.checkAccessibility();
            reporter.driver.executeScript("window.scrollTo(0, 0)");
            reporter.screenshot(screenshots, "report-concern");

            long events = platform.eventCount();
            reporter.driver.findElement(By.id("concern-submit")).click();
            reporter.awaitShown(driver ->
                    !driver.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());
            assertThat(errorSummary(reporter)).contains("A child in immediate danger needs 999 first");
            assertThat(reporter.driver
                            .findElement(By.id("concern-emergencyServicesCalled-error"))
                            .getText())
                    .as("the command side's refusal is on its field")
                    .contains("call 999");
            assertThat(platform.eventCount())
                    .as("the command side's refusal stores nothing")
                    .isEqualTo(events);
            assertThat(reporter.driver.findElement(By.id("concern-description")).getAttribute("value"))
                    .isEqualTo("Children left alone after classes");
            reporter.checkAccessibility();

            choose(reporter, "emergencyServicesCalled", "YES");
            reporter.driver.findElement(By.id("concern-submit")).click();
            reporter.awaitUrlContaining("done=raised");
            referralId = reporter.path().substring("/referrals/".length());
            assertThat(banner(reporter)).contains("You raised the referral");
            assertThat(reporter.heading()).isEqualTo("Out-of-school settings concern");
        }

        try (Browser lead = Browser.withJavaScript(web)) {
            lead.signIn("bradford-safeguarding-lead");
            row(lead, referralId).findElement(By.tagName("a")).click();
            lead.awaitUrlContaining("/referrals/" + referralId);
            assertThat(lead.text()).contains("Example Tuition Centre").contains("Accept the referral");
            lead.driver.findElement(By.id("accept-submit")).click();
            lead.awaitUrlContaining("done=accept");
            assertThat(status(lead)).isEqualTo("Accepted");
            lead.checkAccessibility();
        }
    }

    @Test
    void theSameFormSubmittedTwiceIsStoredOnce() throws Exception {
        String referralId = platform.raiseEsolReferralToBradfordEsol().referralId();
        try (Browser receiver = Browser.withJavaScript(web)) {
            receiver.signIn("bradford-esol-worker");
            receiver.open("/referrals/" + referralId);
            // The accept form exactly as the page gave it, posted twice as a browser would on a double submit.
            String form = Stream.of("_csrf", "idempotencyKey", "version")
                    .map(name -> name + "="
                            + URLEncoder.encode(
                                    receiver.driver
                                            .findElement(By.cssSelector("#accept input[name='" + name + "']"))
                                            .getAttribute("value"),
                                    StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            String cookies = receiver.driver.manage().getCookies().stream()
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; "));
            HttpRequest accept = HttpRequest.newBuilder(web.resolve("/referrals/" + referralId + "/accept"))
                    .header("Cookie", cookies)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();

            long before = platform.eventCount();
            HttpResponse<String> first = platform.send(accept);
            long afterFirst = platform.eventCount();
            HttpResponse<String> second = platform.send(accept);

            assertThat(first.statusCode()).isEqualTo(303);
            assertThat(first.headers().firstValue("Location"))
                    .hasValueSatisfying(to -> assertThat(to).endsWith("/referrals/" + referralId + "?done=accept"));
            assertThat(afterFirst)
                    .as("the first submission stored the acceptance")
                    .isGreaterThan(before);
            assertThat(second.statusCode())
                    .as("the second gets the first's answer, not a refusal")
                    .isEqualTo(303);
            assertThat(platform.eventCount())
                    .as("the second submission stored nothing")
                    .isEqualTo(afterFirst);
            receiver.open("/referrals/" + referralId);
            assertThat(status(receiver)).isEqualTo("Accepted");
        }
    }

    @Test
    void aReferralIsRaisedAndAcceptedWithJavaScriptTurnedOff() throws Exception {
        String referralId;
        try (Browser referrer = Browser.withoutJavaScript(web)) {
            referrer.signIn("bradford-council-caseworker");
            referralId =
                    raiseEsolReferralThroughTheUi(referrer, "Farida Example").referralId();
        }

        try (Browser receiver = Browser.withoutJavaScript(web)) {
            receiver.signIn("bradford-esol-worker");
            assertThat(receiver.path()).isEqualTo("/inbox");
            assertThat(receiver.driver.findElement(By.tagName("body")).getAttribute("class"))
                    .as("no script ran")
                    .doesNotContain("js-enabled");
            row(receiver, referralId);

            receiver.driver
                    .findElement(By.cssSelector("summary.govuk-details__summary"))
                    .click();
            receiver.driver
                    .findElement(By.cssSelector("label[for='status-RAISED']"))
                    .click();
            receiver.driver
                    .findElement(By.cssSelector("label[for='type-ESOL_PLACEMENT']"))
                    .click();
            receiver.driver
                    .findElement(By.xpath("//button[normalize-space()='Apply filters']"))
                    .click();
            // Without JavaScript the filter form is a plain GET: wait for the browser to follow it.
            receiver.awaitUrlContaining("status=RAISED");
            assertThat(receiver.driver.getCurrentUrl())
                    .contains("status=RAISED")
                    .contains("type=ESOL_PLACEMENT");
            row(receiver, referralId).findElement(By.tagName("a")).click();
            receiver.awaitUrlContaining("/referrals/" + referralId);
            assertThat(receiver.heading()).isEqualTo("ESOL placement");
            assertThat(receiver.text()).contains("Weekday mornings");

            receiver.driver.findElement(By.id("accept-submit")).click();
            receiver.awaitUrlContaining("done=accept");
            assertThat(banner(receiver)).contains("You accepted the referral");
            assertThat(status(receiver)).isEqualTo("Accepted");

            receiver.signOut();
            assertThat(receiver.path()).isEqualTo("/");
        }
    }

    /**
     * As the signed-in caseworker: opens a case, records the person's consent to ESOL referrals and raises one to
     * Airedale ESOL Learning Centre, all through the forms; with JavaScript, checks each page with axe-core.
     */
    private Raised raiseEsolReferralThroughTheUi(Browser referrer, String name) {
        boolean javaScript = referrer.javaScript();
        referrer.open("/cases");
        referrer.driver.findElement(By.id("open-case")).click();
        referrer.awaitPath("/cases/new");
        referrer.driver.findElement(By.id("case-fullName")).sendKeys(name);
        referrer.driver.findElement(By.id("case-dateOfBirth-day")).sendKeys("4");
        referrer.driver.findElement(By.id("case-dateOfBirth-month")).sendKeys("3");
        referrer.driver.findElement(By.id("case-dateOfBirth-year")).sendKeys("1991");
        referrer.driver.findElement(By.id("case-preferredLanguage")).sendKeys("Dari");
        choose(referrer, "interpreterNeeded", "YES");
        if (javaScript) {
            referrer.checkAccessibility();
            referrer.driver.executeScript("window.scrollTo(0, 0)");
            referrer.screenshot(screenshots, "open-case");
        }
        referrer.driver.findElement(By.id("case-submit")).click();
        referrer.awaitUrlContaining("done=opened");
        String caseId = referrer.path().substring("/cases/".length());
        assertThat(referrer.heading()).isEqualTo(name);
        assertThat(banner(referrer)).contains("You opened the case");

        referrer.driver.findElement(By.id("record-consent")).click();
        referrer.awaitPath("/cases/" + caseId + "/consent");
        choose(referrer, "givenBy", "DATA_SUBJECT");
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        referrer.driver.findElement(By.id("consent-givenOn-day")).sendKeys(String.valueOf(today.getDayOfMonth()));
        referrer.driver.findElement(By.id("consent-givenOn-month")).sendKeys(String.valueOf(today.getMonthValue()));
        referrer.driver.findElement(By.id("consent-givenOn-year")).sendKeys(String.valueOf(today.getYear()));
        choose(referrer, "purposes", "ESOL_PLACEMENT");
        if (javaScript) {
            referrer.checkAccessibility();
            referrer.driver.executeScript("window.scrollTo(0, 0)");
            referrer.screenshot(screenshots, "consent");
        }
        referrer.driver.findElement(By.id("consent-submit")).click();
        referrer.awaitUrlContaining("done=consent");
        assertThat(banner(referrer)).contains("You recorded the person's consent");
        assertThat(referrer.text()).contains("In force").contains("ESOL placement");

        referrer.driver.findElement(By.id("raise-referral")).click();
        referrer.awaitPath("/cases/" + caseId + "/referrals/new");
        choose(referrer, "type", "ESOL_PLACEMENT");
        if (javaScript) {
            referrer.checkAccessibility();
        }
        referrer.driver.findElement(By.id("referral-type-submit")).click();
        referrer.awaitUrlContaining("type=ESOL_PLACEMENT");
        choose(referrer, "receivingAgencyId", "bradford-esol");
        choose(referrer, "estimatedLevel", "ENTRY_2");
        choose(referrer, "preferredModes", "CLASSROOM");
        choose(referrer, "childcareNeeded", "YES");
        choose(referrer, "mandatedByWorkCoach", "NO");
        referrer.driver.findElement(By.id("referral-availability")).sendKeys("Weekday mornings");
        if (javaScript) {
            referrer.checkAccessibility();
            referrer.driver.executeScript("window.scrollTo(0, 0)");
            referrer.screenshot(screenshots, "raise-referral");
        }
        referrer.driver.findElement(By.id("referral-submit")).click();
        referrer.awaitUrlContaining("done=raised");
        String referralId = referrer.path().substring("/referrals/".length());
        assertThat(banner(referrer)).contains("You raised the referral");
        assertThat(status(referrer)).isEqualTo("Raised");
        assertThat(referrer.text()).contains("Weekday mornings").contains("Airedale ESOL Learning Centre");
        return new Raised(caseId, referralId);
    }
}

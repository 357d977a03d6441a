package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integratedcommunities.referrals.e2e.UiPage.banner;
import static org.integratedcommunities.referrals.e2e.UiPage.choose;
import static org.integratedcommunities.referrals.e2e.UiPage.errorSummary;
import static org.integratedcommunities.referrals.e2e.UiPage.row;
import static org.integratedcommunities.referrals.e2e.UiPage.status;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The web UI's forms for the rest of a referral's life, in a real browser (Debian's headless Chromium) against the
 * packaged applications, the real Keycloak and a fresh PostgreSQL database: the referrer redirects a declined referral
 * and the new agency finds it in its inbox; the receiver refers the person on from an outcome and the new referral and
 * its parent link to each other; a manager assigns a referral to a colleague who has signed in; the safeguarding lead
 * records that the LADO was told; and withdrawing consent on the case suspends its open referral. A form with problems
 * stores nothing. Each new page is checked with axe-core. The referrals start through the command API, so each test
 * goes straight to the form it is about.
 */
class WebUiFormsEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static PlatformUnderTest platform;
    private static URI web;
    private static Path screenshots;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = PlatformUnderTest.get();
        web = URI.create("http://127.0.0.1:" + platform.querySide.baseUri().getPort() + "/");
        screenshots = PlatformUnderTest.screenshots();
    }

    @Test
    void theReferrerRedirectsADeclinedReferralAndTheNewAgencyFindsItInItsInbox() throws Exception {
        String referralId = raisedEsolReferral(caseWithConsent("ESOL_PLACEMENT"));
        String page = "/referrals/" + referralId;

        try (Browser receiver = Browser.withJavaScript(web)) {
            receiver.signIn("bradford-esol-worker");
            receiver.open(page);
            choose(receiver, "reason", "NO_CAPACITY");
            receiver.driver.findElement(By.id("decline-submit")).click();
            receiver.awaitUrlContaining("done=decline");
            assertThat(status(receiver)).isEqualTo("Declined");
            assertThat(receiver.text()).doesNotContain("Redirect referral");
        }

        try (Browser referrer = Browser.withJavaScript(web)) {
            referrer.signIn("bradford-council-caseworker");
            referrer.open(page);
            referrer.driver.findElement(By.id("redirect-start")).click();
            referrer.awaitPath(page + "/redirect");
            assertThat(referrer.text())
                    .contains("Redirect it to another agency")
                    .contains("Bradford Welcome Refugee Support")
                    .doesNotContain("Airedale ESOL Learning Centre");
            referrer.checkAccessibility();

            long events = platform.eventCount();
            referrer.driver.findElement(By.id("redirect-submit")).click();
            referrer.awaitShown(driver ->
                    !driver.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());
            assertThat(errorSummary(referrer)).contains("Select the agency to redirect the referral to");
            assertThat(platform.eventCount())
                    .as("a form with problems stores nothing")
                    .isEqualTo(events);
            referrer.checkAccessibility();

            choose(referrer, "receivingAgencyId", "bradford-refugee-charity");
            referrer.driver.findElement(By.id("redirect-submit")).click();
            referrer.awaitUrlContaining("done=redirect");
            assertThat(banner(referrer)).contains("You redirected the referral");
            assertThat(status(referrer)).isEqualTo("Raised");
            assertThat(referrer.driver.findElement(By.id("referral-summary")).getText())
                    .contains("Bradford Welcome Refugee Support");
        }

        try (Browser newReceiver = Browser.withJavaScript(web)) {
            newReceiver.signIn("bradford-refugee-worker");
            assertThat(newReceiver.path()).isEqualTo("/inbox");
            row(newReceiver, referralId).findElement(By.tagName("a")).click();
            newReceiver.awaitUrlContaining(page);
            assertThat(newReceiver.text()).contains("Accept the referral");
        }
    }

    @Test
    void theReceiverRefersThePersonOnFromTheOutcomeAndBothReferralsLinkToEachOther() throws Exception {
        String parentId = raisedEsolReferral(caseWithConsent("ESOL_PLACEMENT", "EMPLOYMENT_SUPPORT"));
        String esolWorker = platform.keycloak.accessToken("bradford-esol-worker");
        step(parentId, "acceptance", esolWorker, "{}");
        step(parentId, "outcome", esolWorker, """
                {"outcome": {"kind": "ESOL_PLACEMENT", "result": "ASSESSED", "level": "ENTRY_2"}}""");
        String parent = "/referrals/" + parentId;
        awaitStatus(parentId, esolWorker, "OUTCOME_RECORDED");

        String childId;
        try (Browser receiver = Browser.withJavaScript(web)) {
            receiver.signIn("bradford-esol-worker");
            receiver.open(parent);
            receiver.driver.findElement(By.id("refer-on-start")).click();
            receiver.awaitPath(parent + "/refer-on");
            receiver.checkAccessibility();
            choose(receiver, "type", "EMPLOYMENT_SUPPORT");
            receiver.driver.findElement(By.id("referral-type-submit")).click();
            receiver.awaitUrlContaining("type=EMPLOYMENT_SUPPORT");
            assertThat(receiver.heading()).isEqualTo("Refer the person on");

            long events = platform.eventCount();
            receiver.driver.findElement(By.id("referral-submit")).click();
            receiver.awaitShown(driver ->
                    !driver.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());
            assertThat(errorSummary(receiver))
                    .contains("Select the agency you are referring to")
                    .contains("Enter the person's employment goal");
            assertThat(platform.eventCount())
                    .as("a form with problems stores nothing")
                    .isEqualTo(events);
            receiver.checkAccessibility();

            choose(receiver, "receivingAgencyId", "bradford-jobcentre");
            receiver.driver.findElement(By.id("referral-employmentGoal")).sendKeys("Work in a warehouse");
            choose(receiver, "programmes", "TRAINING");
            receiver.checkAccessibility();
            receiver.driver.executeScript("window.scrollTo(0, 0)");
            receiver.screenshot(screenshots, "refer-on");
            receiver.driver.findElement(By.id("referral-submit")).click();
            receiver.awaitUrlContaining("done=refer-on");
            childId = receiver.path().substring("/referrals/".length());
            assertThat(childId).isNotEqualTo(parentId);
            assertThat(banner(receiver)).contains("You referred the person on");
            assertThat(receiver.heading()).isEqualTo("Employment support");
            assertThat(receiver.driver.findElement(By.id("referral-summary")).getText())
                    .contains("Referred on from")
                    .as("the case stays with the agency that opened it, which this one is not")
                    .contains("Held by the agency that opened the case")
                    .doesNotContain("View the case");
            receiver.checkAccessibility();

            receiver.driver
                    .findElement(By.cssSelector("#referral-summary a[href='" + parent + "']"))
                    .click();
            receiver.awaitPath(parent);
            assertThat(receiver.driver.findElements(
                            By.cssSelector("#referral-summary a[href='/referrals/" + childId + "']")))
                    .as("the parent links to the referral made on from it")
                    .hasSize(1);
        }

        try (Browser jobcentre = Browser.withJavaScript(web)) {
            jobcentre.signIn("bradford-jobcentre-worker");
            row(jobcentre, childId).findElement(By.tagName("a")).click();
            jobcentre.awaitUrlContaining("/referrals/" + childId);
            assertThat(jobcentre.text()).contains("Work in a warehouse").contains("Referred on from");
        }
    }

    @Test
    void aManagerAssignsAReferralToAColleagueWhoHasSignedIn() throws Exception {
        String referralId = raisedEsolReferral(caseWithConsent("ESOL_PLACEMENT"));
        String esolWorker = platform.keycloak.accessToken("bradford-esol-worker");
        step(referralId, "acceptance", platform.keycloak.accessToken("bradford-esol-manager"), "{}");
        awaitStatus(referralId, esolWorker, "ACCEPTED");
        String page = "/referrals/" + referralId;

        try (Browser worker = Browser.withJavaScript(web)) {
            worker.signIn("bradford-esol-worker");
            worker.open(page);
            assertThat(worker.text()).as("only a manager assigns").doesNotContain("Assign referral");
        }

        try (Browser manager = Browser.withJavaScript(web)) {
            manager.signIn("bradford-esol-manager");
            manager.open(page);
            manager.driver.findElement(By.id("assign-start")).click();
            manager.awaitPath(page + "/assign");
            assertThat(manager.text())
                    .contains("Who should work it?")
                    .contains("Declan Moorhouse")
                    .contains("Helena Okafor");
            manager.checkAccessibility();
            manager.driver.executeScript("window.scrollTo(0, 0)");
            manager.screenshot(screenshots, "assign");

            manager.driver
                    .findElement(By.xpath("//label[normalize-space()='Declan Moorhouse']"))
                    .click();
            manager.driver.findElement(By.id("assign-submit")).click();
            manager.awaitUrlContaining("done=assign");
            assertThat(banner(manager)).contains("You assigned the referral");
            assertThat(manager.driver.findElement(By.id("referral-timeline")).getText())
                    .contains("Assigned");
            manager.checkAccessibility();
        }
    }

    @Test
    void theSafeguardingLeadRecordsThatTheLadoWasTold() throws Exception {
        String referrer = platform.keycloak.accessToken("bradford-council-caseworker");
        String lead = platform.keycloak.accessToken("bradford-safeguarding-lead");
        String referralId = raised("""
                {"type": "OUT_OF_SCHOOL_SETTINGS_CONCERN", "receivingAgencyId": "bradford-oos-safeguarding",
                 "facts": {"kind": "OUT_OF_SCHOOL_SETTINGS_CONCERN", "settingType": "TUITION_CENTRE",
                           "settingSize": "SMALL", "categories": ["SAFEGUARDING"], "childInImmediateDanger": false,
                           "emergencyServicesCalled": false, "allegationAgainstStaffOrVolunteer": true,
                           "reporterAnonymous": true},
                 "particulars": {"kind": "OUT_OF_SCHOOL_SETTINGS_CONCERN", "settingName": "Example Tuition",
                                 "description": "A tutor is said to hit children"}}""", referrer, lead);

        try (Browser safeguarding = Browser.withJavaScript(web)) {
            safeguarding.signIn("bradford-safeguarding-lead");
            safeguarding.open("/referrals/" + referralId);
            assertThat(safeguarding.text()).contains("Record that the LADO was told");
            safeguarding.checkAccessibility();
            safeguarding.driver.findElement(By.id("lado-submit")).click();
            safeguarding.awaitUrlContaining("done=lado");
            assertThat(banner(safeguarding)).contains("You recorded that the LADO was told");
            assertThat(safeguarding
                            .driver
                            .findElement(By.id("referral-timeline"))
                            .getText())
                    .contains("LADO informed");
            assertThat(safeguarding.driver.findElements(By.id("lado-submit")))
                    .as("told once, no longer offered")
                    .isEmpty();
            safeguarding.checkAccessibility();
        }
    }

    @Test
    void withdrawingConsentOnTheCaseSuspendsItsOpenReferral() throws Exception {
        String caseId = caseWithConsent("ESOL_PLACEMENT");
        String referralId = raisedEsolReferral(caseId);

        try (Browser referrer = Browser.withJavaScript(web)) {
            referrer.signIn("bradford-council-caseworker");
            referrer.open("/cases/" + caseId);
            referrer.driver.findElement(By.id("withdraw-consent")).click();
            referrer.awaitPath("/cases/" + caseId + "/consent-withdrawal");
            assertThat(referrer.text())
                    .contains("Open referrals that were made with the person's consent will be suspended")
                    .contains("ESOL placement referral to bradford-esol");
            referrer.checkAccessibility();
            referrer.screenshot(screenshots, "withdraw-consent");
            referrer.driver.findElement(By.id("withdrawal-submit")).click();
            referrer.awaitUrlContaining("done=consent-withdrawn");
            assertThat(banner(referrer)).contains("You withdrew the person's consent");
            assertThat(referrer.text()).contains("Withdrawn");
            assertThat(referrer.driver.findElements(By.id("withdraw-consent")))
                    .as("withdrawn once, no longer offered")
                    .isEmpty();

            referrer.open("/referrals/" + referralId);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                referrer.driver.navigate().refresh();
                assertThat(status(referrer)).isEqualTo("Suspended");
            });
            assertThat(referrer.driver.findElement(By.id("referral-summary")).getText())
                    .contains("Consent withdrawn");
            referrer.checkAccessibility();
        }
    }

    /** A case of the Bradford council caseworker's, with the person's consent to these kinds of referral. */
    private static String caseWithConsent(String... purposes) throws Exception {
        return platform.openCaseWithConsent(platform.keycloak.accessToken("bradford-council-caseworker"), purposes);
    }

    /** An ESOL referral of the case from the Bradford council caseworker to Airedale ESOL Learning Centre. */
    private static String raisedEsolReferral(String caseId) throws Exception {
        return raised(
                PlatformUnderTest.esolReferral(caseId, "bradford-esol"),
                platform.keycloak.accessToken("bradford-council-caseworker"),
                platform.keycloak.accessToken("bradford-esol-worker"));
    }

    /** Raised through the command API; returns once the receiver can read it. */
    private static String raised(String body, String referrerToken, String receiverToken) throws Exception {
        HttpResponse<String> raised =
                platform.send(platform.post(platform.commandSide, "/api/referrals", referrerToken, body));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        String referralId = platform.read(raised).get("referralId").asText();
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        platform.send(platform.get(platform.querySide, "/api/referrals/" + referralId, receiverToken))
                                        .statusCode()
                                == 200);
        return referralId;
    }

    private static void step(String referralId, String step, String token, String body) throws Exception {
        HttpResponse<String> done = platform.send(
                platform.post(platform.commandSide, "/api/referrals/" + referralId + "/" + step, token, body));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    private static void awaitStatus(String referralId, String token, String status) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> platform.read(
                                platform.send(platform.get(platform.querySide, "/api/referrals/" + referralId, token)))
                        .path("status")
                        .asText()
                        .equals(status));
    }
}

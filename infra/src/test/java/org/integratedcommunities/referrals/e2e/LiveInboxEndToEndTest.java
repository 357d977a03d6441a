package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.integratedcommunities.referrals.e2e.PlatformUnderTest.Raised;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The live inbox in a real browser: a worker at the receiving agency has the inbox open in headless Chromium, with
 * filters and on the page where a new referral lands; a caseworker at another agency raises an ESOL referral to it
 * (through the command API); the new row appears in the open page without a reload or any navigation, the filters are
 * left as they were, and a GOV.UK notification in a live region says what happened. axe-core checks the page after
 * the change.
 */
class LiveInboxEndToEndTest {

    private static final String FILTERS = "status=RAISED&type=ESOL_PLACEMENT";
    private static final Pattern SHOWING = Pattern.compile("of (\\d+) referrals");
    /** Referrals on a page of the inbox ({@code queryside.ui.Paging.SIZE}). */
    private static final int PAGE_SIZE = 25;

    private static PlatformUnderTest platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = PlatformUnderTest.get();
    }

    @Test
    void aReferralRaisedToTheAgencyAppearsInItsOpenInboxWithoutAReload() throws Exception {
        try (Browser receiver = Browser.withJavaScript(platform.web())) {
            receiver.signIn("bradford-esol-worker");
            receiver.open("/inbox?" + FILTERS);
            // The inbox lists the soonest acknowledgement first: a new referral comes last, on the last page or
            // the one after it. That is the page to watch.
            long shown = raisedAlready(receiver);
            long page = shown / PAGE_SIZE + 1;
            if (page > 1) {
                receiver.open("/inbox?" + FILTERS + "&page=" + page);
            }
            String address = receiver.driver.getCurrentUrl();
            receiver.awaitShown(driver -> "true"
                    .equals(driver.findElement(By.id("referral-list")).getAttribute("data-live-inbox-connected")));
            receiver.driver.executeScript("window.icrSameDocument = true");
            WebElement filters = receiver.driver.findElement(By.cssSelector("details.govuk-details"));
            assertThat(receiver.driver.findElement(By.id("type-ESOL_PLACEMENT")).isSelected())
                    .isTrue();

            Raised raised = platform.raiseEsolReferral("bradford-council-caseworker", "bradford-esol");

            receiver.awaitShown(
                    driver -> !driver.findElements(By.cssSelector("tr[data-referral-id='" + raised.referralId() + "']"))
                            .isEmpty());
            assertThat(receiver.driver.executeScript("return window.icrSameDocument === true"))
                    .as("the row came without a reload")
                    .isEqualTo(true);
            assertThat(receiver.driver.getCurrentUrl()).isEqualTo(address);
            assertThat(filters.isDisplayed())
                    .as("the filters are the same element as before: only the list was swapped")
                    .isTrue();
            assertThat(receiver.driver.findElement(By.id("type-ESOL_PLACEMENT")).isSelected())
                    .isTrue();
            assertThat(receiver.driver
                            .findElement(By.cssSelector("tr[data-referral-id='" + raised.referralId() + "']"))
                            .getText())
                    .contains("ESOL placement")
                    .contains("Due");
            WebElement status = receiver.driver.findElement(By.id("live-inbox-status"));
            assertThat(status.getAttribute("role")).isEqualTo("status");
            receiver.awaitShown(driver ->
                    !driver.findElement(By.id("live-inbox-status")).getText().isEmpty());
            assertThat(status.getText()).contains("Your inbox changed").contains("1 new referral");
            receiver.checkAccessibility();
            receiver.driver.executeScript("document.getElementById('live-inbox-status').scrollIntoView()");
            receiver.screenshot(PlatformUnderTest.screenshots(), "inbox-live");
        }
    }

    /** How many referrals the filtered inbox shows in all, from its caption (none: the no-referrals line). */
    private static long raisedAlready(Browser browser) {
        if (!browser.driver.findElements(By.id("no-referrals")).isEmpty()) {
            return 0;
        }
        String caption =
                browser.driver.findElement(By.cssSelector("#referrals caption")).getText();
        Matcher matcher = SHOWING.matcher(caption);
        assertThat(matcher.find()).as(caption).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}

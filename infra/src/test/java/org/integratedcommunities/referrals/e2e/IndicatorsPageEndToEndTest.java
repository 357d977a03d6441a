package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The partnership coordinator's indicators page in a real browser: reached from the coordinator's navigation, charts
 * drawn on the server as inline SVG with their figures as tables, a referral made this month counted (shown as
 * {@code <5} while fewer than five, never as a bar), a period that is not one explained in the error summary, axe-core
 * on both, and a screenshot; another role gets the 403 page.
 */
class IndicatorsPageEndToEndTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static PlatformUnderTest platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = PlatformUnderTest.get();
    }

    @Test
    void theCoordinatorSeesTheChartsAndTheirTablesAndOthersCannot() throws Exception {
        // Enough ESOL referrals this month to be published as a number and drawn; the move-on type stays small.
        for (int i = 0; i < 5; i++) {
            platform.raiseEsolReferral("bradford-council-caseworker", "bradford-esol");
        }
        String thisMonth = YearMonth.now(LONDON).format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK));

        try (Browser coordinator = Browser.withJavaScript(platform.web())) {
            coordinator.signIn("bradford-coordinator");
            coordinator.driver.findElement(By.linkText("Indicators")).click();
            coordinator.awaitPath("/indicators");
            assertThat(coordinator.heading()).isEqualTo("Partnership indicators");
            assertThat(coordinator.driver.findElements(By.cssSelector("figure svg")))
                    .as("every chart drawn as inline SVG")
                    .hasSizeGreaterThanOrEqualTo(10);
            assertThat(coordinator.driver.findElements(By.cssSelector("figure table")))
                    .hasSameSizeAs(coordinator.driver.findElements(By.cssSelector("figure svg")));
            // The referrals count once the projection has them: the page is read again until then.
            coordinator.awaitShown(driver -> {
                driver.navigate().refresh();
                return esolThisMonth(coordinator, thisMonth).matches("\\d+")
                        && Integer.parseInt(esolThisMonth(coordinator, thisMonth)) >= 5;
            });
            assertThat(coordinator
                            .driver
                            .findElement(By.id("referrals-esol-placement"))
                            .findElements(By.cssSelector("svg rect")))
                    .as("a published figure is drawn as a bar")
                    .isNotEmpty();
            String moveOn = figureThisMonth(coordinator, "referrals-refugee-post-grant", thisMonth);
            assertThat(moveOn).matches("<5|\\d+");
            if (moveOn.equals("<5") || moveOn.equals("0")) {
                assertThat(coordinator
                                .driver
                                .findElement(By.id("referrals-refugee-post-grant"))
                                .findElements(By.cssSelector("svg rect")))
                        .as("a suppressed figure is never drawn as a bar, nor is nothing")
                        .isEmpty();
            }
            assertThat(coordinator.text()).contains("is shown as <5");
            coordinator.checkAccessibility();
            coordinator.driver.executeScript("document.getElementById('referrals-esol-placement').scrollIntoView()");
            coordinator.screenshot(PlatformUnderTest.screenshots(), "indicators");

            coordinator.driver.findElement(By.id("period-from-month")).clear();
            coordinator.driver.findElement(By.id("period-from-month")).sendKeys("13");
            coordinator.driver.findElement(By.id("period-submit")).click();
            coordinator.awaitShown(driver ->
                    !driver.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());
            assertThat(coordinator.driver.getTitle()).startsWith("Error: ");
            assertThat(coordinator.driver.findElements(By.cssSelector("figure svg")))
                    .as("no figures for a period that is not one")
                    .isEmpty();
            coordinator.checkAccessibility();
            coordinator
                    .driver
                    .findElement(By.linkText("The first month must be a real month and year"))
                    .click();
            assertThat(coordinator.driver.switchTo().activeElement().getAttribute("id"))
                    .isEqualTo("period-from-month");
        }

        try (Browser worker = Browser.withJavaScript(platform.web())) {
            worker.signIn("bradford-esol-worker");
            assertThat(worker.driver.findElements(By.linkText("Indicators"))).isEmpty();
            worker.open("/indicators");
            assertThat(worker.heading()).isEqualTo("You cannot see this page");
        }
    }

    /** What the ESOL chart's table shows for this month. */
    private static String esolThisMonth(Browser browser, String month) {
        return figureThisMonth(browser, "referrals-esol-placement", month);
    }

    /** What a monthly chart's table shows for this month. */
    private static String figureThisMonth(Browser browser, String chart, String month) {
        return browser.driver
                .findElement(By.xpath("//figure[@id='" + chart + "']//tr[th[normalize-space()='" + month + "']]/td"))
                .getAttribute("textContent")
                .trim();
    }
}

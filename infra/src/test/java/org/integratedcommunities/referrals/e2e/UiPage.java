package org.integratedcommunities.referrals.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** What the web UI's end-to-end tests read off and do on our pages, the way a person would. */
final class UiPage {

    private UiPage() {}

    /** Ticks the radio or checkbox of this name and value by its label, as a person would. */
    static void choose(Browser browser, String name, String value) {
        String id = browser.driver
                .findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']"))
                .getAttribute("id");
        browser.driver.findElement(By.cssSelector("label[for='" + id + "']")).click();
    }

    static String errorSummary(Browser browser) {
        return browser.driver
                .findElement(By.cssSelector(".govuk-error-summary"))
                .getText();
    }

    static String banner(Browser browser) {
        return browser.driver.findElement(By.id("done-banner")).getText();
    }

    static String status(Browser browser) {
        return browser.driver.findElement(By.id("referral-status")).getText();
    }

    /** The referral's row in an inbox, outbox or case's list. */
    static WebElement row(Browser browser, String referralId) {
        return browser.driver.findElement(By.cssSelector("tr[data-referral-id='" + referralId + "']"));
    }
}

package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the end-to-end tests: Debian's headless Chromium through its chromedriver (Selenium's own
 * browser and driver downloads are neither wanted nor possible here), one fresh profile per instance, so each user has
 * their own cookies. Every page of ours it is asked to check is run through axe-core.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    private final URI base;
    private final boolean javaScript;
    private final WebDriverWait wait;

    private Browser(URI base, boolean javaScript) {
        this.base = base;
        this.javaScript = javaScript;
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--disable-dev-shm-usage",
                        "--window-size=1280,1100");
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        // A click that navigates returns once the next document is parsed, not once every font and image has loaded:
        // the tests wait for what they need (awaitUrlContaining, awaitPath), and a slow sub-resource on a busy machine
        // cannot hold a click for minutes.
        options.setPageLoadStrategy(PageLoadStrategy.EAGER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static Browser withJavaScript(URI base) {
        return new Browser(base, true);
    }

    static Browser withoutJavaScript(URI base) {
        return new Browser(base, false);
    }

    boolean javaScript() {
        return javaScript;
    }

    void open(String path) {
        driver.get(base.resolve(path).toString());
    }

    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Waits for a navigation a click started: a click returns before the next page may have loaded. */
    void awaitUrlContaining(String part) {
        wait.until(ExpectedConditions.urlContains(part));
    }

    /** Waits for what a click started to show, e.g. a form that comes back with its problems at the same address. */
    void awaitShown(Function<WebDriver, Boolean> shown) {
        wait.until(shown::apply);
    }

    /** The same, for what takes longer than a page load (a verified replay's report). */
    void awaitShown(Function<WebDriver, Boolean> shown, Duration atMost) {
        new WebDriverWait(driver, atMost).until(shown::apply);
    }

    void awaitPath(String path) {
        wait.until(driver -> URI.create(driver.getCurrentUrl()).getPath().equals(path));
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Starts on our start page, signs in on Keycloak's own login page, and waits to be back on ours. */
    void signIn(String username) {
        open("/");
        assertThat(heading()).isEqualTo("Refer people and concerns between partner agencies");
        if (javaScript) {
            // axe-core is JavaScript: it runs in the browsers that have it, on the same pages.
            checkAccessibility();
        }
        driver.findElement(By.id("sign-in")).click();
        signInOnKeycloak(username);
    }

    /** On Keycloak's login page: enters the demo user's credentials and waits to be back on the query side. */
    void signInOnKeycloak(String username) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("demo-password");
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlContains(base.getAuthority()));
    }

    void signOut() {
        driver.findElement(By.cssSelector("form.app-sign-out button")).click();
        wait.until(driver -> driver.getCurrentUrl().startsWith(base.toString())
                && !driver.findElements(By.id("sign-in")).isEmpty());
    }

    /** axe-core on the page as it is now: no serious or critical violations of WCAG 2.2 A and AA. */
    void checkAccessibility() {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze(driver);
        assertThat(results.isErrored())
                .as("axe-core failed on " + driver.getCurrentUrl())
                .isFalse();
        assertThat(results.getPasses())
                .as("axe-core ran on " + driver.getCurrentUrl())
                .isNotEmpty();
        List<String> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(Browser::describe)
                .toList();
        assertThat(serious)
                .as("serious or critical accessibility violations on " + driver.getCurrentUrl())
                .isEmpty();
    }

    /** Saves what the browser shows into {@code folder} as {@code name}.png. */
    void screenshot(Path folder, String name) {
        try {
            Files.createDirectories(folder);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget()))
                        .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}

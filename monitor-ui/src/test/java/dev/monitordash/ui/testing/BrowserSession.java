package dev.monitordash.ui.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One headless Chromium driving one dashboard, with the steps every page test repeats: log in, open a
 * page, wait for a section to finish loading, read a chart's labels and data through Chart.js, read
 * table rows, check the console and the page width, take screenshots. Waits have a generous deadline
 * (a loaded 2-core CI machine), never a fixed sleep.
 */
public final class BrowserSession implements AutoCloseable {

    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private URI base;

    private BrowserSession(ChromeDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, PATIENCE);
    }

    /** Starts Chromium (profile in {@code profileDir}) for the dashboard at {@code base}. */
    public static BrowserSession start(Path profileDir, URI base) {
        return new BrowserSession(Browser.start(profileDir), base);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait await() {
        return wait;
    }

    public URI base() {
        return base;
    }

    /** Points this session at another dashboard (e.g. a second server with an empty store). */
    public void useDashboard(URI otherBase) {
        this.base = otherBase;
    }

    /** A clean start for a test: desktop width, logged out, console drained of earlier tests' errors. */
    public void reset() {
        driver.manage().window().setSize(DESKTOP);
        driver.get(base + "/login");
        driver.manage().deleteAllCookies();
        Browser.consoleErrors(driver);
    }

    /** Logs in and waits for the landing page ({@code overview}, or the page a {@code next} asked for). */
    public void logIn(String user, String password, String landing) {
        driver.get(base + "/login");
        fillLogin(user, password);
        wait.until(ExpectedConditions.urlToBe(base + "/" + landing));
    }

    public void fillLogin(String user, String password) {
        WebElement name = wait.until(ExpectedConditions.elementToBeClickable(By.id("username")));
        name.clear();
        name.sendKeys(user);
        WebElement pass = driver.findElement(By.id("password"));
        pass.clear();
        pass.sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }

    /** Opens a page by its path below the dashboard, e.g. {@code endpoint?endpoint=%2Forders}. */
    public void open(String pageAndQuery) {
        driver.get(base + "/" + pageAndQuery);
    }

    /**
     * Waits until the section (states.js) has finished loading and returns its final state:
     * {@code ready}, {@code empty} or {@code error}.
     */
    public String awaitSection(String sectionId) {
        By by = By.id(sectionId);
        wait.until(d -> {
            String state = d.findElement(by).getAttribute("data-state");
            return state != null && !state.equals("loading");
        });
        return driver.findElement(by).getAttribute("data-state");
    }

    /** Waits for a section to be ready and fails with the section's note when it ended otherwise. */
    public void awaitReady(String sectionId) {
        String state = awaitSection(sectionId);
        if (!"ready".equals(state)) {
            throw new AssertionError("section #" + sectionId + " ended " + state + ": "
                    + driver.findElement(By.id(sectionId)).getText());
        }
    }

    /** Waits for a Chart.js chart on the canvas and returns its category labels (as strings). */
    @SuppressWarnings("unchecked")
    public List<String> chartLabels(String canvasId) {
        awaitChart(canvasId);
        List<Object> labels = (List<Object>) js("return Chart.getChart(document.getElementById(arguments[0]))"
                + ".data.labels.map(String)", canvasId);
        return labels.stream().map(String::valueOf).toList();
    }

    /** The labels of the chart's datasets (legend entries). */
    @SuppressWarnings("unchecked")
    public List<String> datasetLabels(String canvasId) {
        awaitChart(canvasId);
        return (List<String>) js("return Chart.getChart(document.getElementById(arguments[0]))"
                + ".data.datasets.map(d => String(d.label))", canvasId);
    }

    /** A dataset's data as Chart.js holds it (numbers, or objects such as box plots and matrix cells). */
    @SuppressWarnings("unchecked")
    public List<Object> chartData(String canvasId, int dataset) {
        awaitChart(canvasId);
        return (List<Object>) js("return Chart.getChart(document.getElementById(arguments[0]))"
                + ".data.datasets[arguments[1]].data", canvasId, dataset);
    }

    /** The chart's type as Chart.js reports it, e.g. {@code bar}, {@code matrix}, {@code boxplot}. */
    public String chartType(String canvasId) {
        awaitChart(canvasId);
        return (String) js("return Chart.getChart(document.getElementById(arguments[0])).config.type", canvasId);
    }

    public void awaitChart(String canvasId) {
        wait.until(d -> Boolean.TRUE.equals(js("const c = document.getElementById(arguments[0]);"
                + " return !!c && typeof Chart === 'function' && Chart.getChart(c) !== undefined", canvasId)));
    }

    /** Waits for {@code count} body rows in the table inside the element and returns them. */
    public List<WebElement> rows(String containerId, int count) {
        By selector = By.cssSelector("#" + containerId + " tbody tr");
        wait.until(ExpectedConditions.numberOfElementsToBe(selector, count));
        return driver.findElements(selector);
    }

    /** The rows of a table keyed by a data attribute of the row (e.g. {@code data-endpoint}). */
    public Map<String, WebElement> rowsBy(String containerId, int count, String dataAttribute) {
        return rows(containerId, count).stream()
                .collect(Collectors.toMap(r -> r.getAttribute("data-" + dataAttribute), r -> r));
    }

    public static List<String> cells(WebElement row) {
        List<String> texts = new ArrayList<>();
        for (WebElement td : row.findElements(By.tagName("td"))) {
            texts.add(td.getText().trim());
        }
        return texts;
    }

    public void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBe(by, text));
    }

    /**
     * Imports a dashboard module (e.g. {@code flame.js}) in the open page and returns what {@code body}
     * returns, with the module as {@code m}: the pure functions of the pages, run as the pages run them.
     */
    @SuppressWarnings("unchecked")
    public Object module(String file, String body) {
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import(new URL('assets/js/' + arguments[0], document.baseURI).href)"
                + ".then(m => done({ok: (function (m) {" + body + "})(m)}), e => done({error: String(e)}));", file);
        Map<String, Object> answer = (Map<String, Object>) result;
        if (answer.containsKey("error")) {
            throw new AssertionError(file + ": " + answer.get("error"));
        }
        return answer.get("ok");
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Fails when the browser logged errors (script errors, CSP violations, failed loads) since the last call. */
    public void assertNoConsoleErrors() {
        List<LogEntry> errors = Browser.consoleErrors(driver);
        assertTrue(errors.isEmpty(), "browser console errors: " + errors);
    }

    /** Fails when the page is wider than the window (content must wrap or scroll inside its card). */
    public void assertNoHorizontalOverflow() {
        long overflow = ((Number) js("return document.documentElement.scrollWidth"
                + " - document.documentElement.clientWidth")).longValue();
        assertTrue(overflow <= 0, "page wider than the window by " + overflow + " px");
    }

    public void phoneWidth() {
        driver.manage().window().setSize(PHONE);
    }

    /** A screenshot of the whole visible page under {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) throws java.io.IOException {
        return Browser.screenshot(driver, name);
    }

    public static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

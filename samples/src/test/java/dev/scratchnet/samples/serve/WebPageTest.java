package dev.scratchnet.samples.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.samples.EmbeddedMnist;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: Debian's headless chromium, driven by Selenium through Debian's chromedriver (nothing is
 * downloaded). The server runs in this JVM on the loopback address, serving the book's trained network.
 */
class WebPageTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    /** An upper bound for anything the page waits for, never a measure of speed. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    static Path profile;

    private static WebServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void startServerAndBrowser() {
        assertTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(), "the browser tests need Debian's chromium and "
                + "chromium-driver packages: apt-get update && apt-get install -y chromium chromium-driver (.ci/run does)");
        server = Servers.trained();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1400");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openPage() {
        open(server);
    }

    @Test
    void pageLoadsEveryFileFromTheAppAndLogsNoError() {
        // Only this load's messages: an earlier test's page may have logged losing a server that test closed.
        browser.manage().logs().get(LogType.BROWSER);
        open(server);
        assertEquals("scratchnet · see it learn", browser.getTitle());
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) script("return performance.getEntriesByType('resource').map(e => e.name)");
        assertTrue(loaded.size() >= 4, loaded.toString());
        for (String url : loaded) {
            assertTrue(url.startsWith(server.getUri().toString()), url + " is not served by the app");
        }
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertTrue(severe.isEmpty(), severe.toString());
    }

    @Test
    void drawnTestDigitsArePreprocessedBackToThemselvesAndNineOfTenPredictedAsTheirLabels() {
        Dataset test = EmbeddedMnist.load().getTest();
        List<String> wrong = new ArrayList<>();
        List<String> milliseconds = new ArrayList<>();
        List<String> unlike = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            int row = firstOf(test, digit);
            drawOnPad(test, row);
            String guess = awaitGuess();
            milliseconds.add(browser.findElement(By.id("latency")).getAttribute("data-ms"));
            // MNIST's digits were made as the page preprocesses a drawing, so a drawn one comes back (nearly) unchanged.
            double likeness = cosine(seen(), Arrays.copyOfRange(test.getX(), row * 784, (row + 1) * 784));
            if (likeness < 0.99) {
                unlike.add("test digit " + row + ": cosine " + likeness);
            }
            if (!guess.equals(Integer.toString(digit))) {
                wrong.add("test digit " + row + " (a " + digit + ") predicted as " + guess);
            }
        }
        System.out.println("WebPageTest: the page's predictions took " + milliseconds + " ms");
        assertTrue(wrong.size() <= 1, "more than 1 of 10 drawn test digits predicted wrongly: " + wrong);
        assertTrue(unlike.isEmpty(), "what the network saw is not the drawn MNIST image: " + unlike);
    }

    @Test
    void aStrokeDrawnWithTheMouseIsSeenAndClearedAgain() {
        WebElement pad = browser.findElement(By.id("pad"));
        new Actions(browser).moveToElement(pad, 0, -100).clickAndHold().moveByOffset(0, 50).moveByOffset(0, 50)
                .moveByOffset(0, 50).moveByOffset(0, 50).release().perform();
        assertEquals("1", awaitGuess(), "a vertical stroke");
        assertTrue(inkSeen() > 0, "the 28 × 28 image the network saw is blank");

        browser.findElement(By.id("clear")).click();
        assertEquals("?", text("guess"));
        assertEquals(0, inkSeen(), "the 28 × 28 image after clear");
    }

    @Test
    void trainingStartedFromThePageStreamsEpochsIntoTheCharts() throws Exception {
        try (WebServer fresh = Servers.untrained()) {
            open(fresh);
            WebElement iterations = browser.findElement(By.name("iterations"));
            iterations.clear();
            iterations.sendKeys("1800");
            browser.findElement(By.id("start")).click();
            await(() -> points("accuracy-chart") >= 2);
            await(() -> text("train-status").contains("finished"));
            assertEquals(3, points("accuracy-chart"), "evaluations at iterations 0, 600 and 1,200");
            assertEquals(1800, points("loss-chart"), "one loss per iteration");

            await(() -> !browser.findElements(By.cssSelector("#wrong .digit")).isEmpty());
            browser.findElements(By.cssSelector("#wrong .digit")).get(0).click();
            awaitGuess();
            drawOnPad(EmbeddedMnist.load().getTest(), 0);
            awaitGuess();
            script("window.scrollTo(0, 0)");
            byte[] png = browser.getScreenshotAs(OutputType.BYTES);
            Path file = Path.of("target", "web", "page.png");
            Files.createDirectories(file.getParent());
            Files.write(file, png);
            assertNotBlank(ImageIO.read(new ByteArrayInputStream(png)));
        }
    }

    /** Opens the page and waits until it has shown the model's summary: its scripts have run. */
    private static void open(WebServer web) {
        browser.get(web.getUri().toString());
        await(() -> !browser.findElements(By.cssSelector("#summary tbody tr")).isEmpty());
    }

    private static int firstOf(Dataset data, int label) {
        for (int r = 0; ; r++) {
            if (data.getLabels()[r] == label) {
                return r;
            }
        }
    }

    /**
     * Paints test image {@code row} onto the pad pixel by pixel, 10 × 10 squares of its grey, then ends a stroke: the
     * page reads the pad, preprocesses it and asks the server, exactly as after a drawing.
     */
    private static void drawOnPad(Dataset test, int row) {
        List<Double> pixels = new ArrayList<>();
        for (int i = 0; i < 784; i++) {
            pixels.add(test.getX()[row * 784 + i]);
        }
        script("""
                document.getElementById('clear').click();
                const pad = document.getElementById('pad'), ink = pad.getContext('2d');
                arguments[0].forEach((v, i) => {
                  const g = Math.round(255 * v);
                  ink.fillStyle = `rgb(${g},${g},${g})`;
                  ink.fillRect((i % 28) * 10, Math.floor(i / 28) * 10, 10, 10);
                });
                pad.dispatchEvent(new PointerEvent('pointerup'));""", pixels);
    }

    /** Waits for the page's answer to the drawing (clear shows "?") and returns it. */
    private static String awaitGuess() {
        await(() -> text("guess").matches("[0-9]"));
        return text("guess");
    }

    /** The grey levels of the 28 × 28 image shown as what the network saw, in [0, 1]. */
    private static double[] seen() {
        @SuppressWarnings("unchecked")
        List<Number> grey = (List<Number>) script("""
                const data = document.getElementById('seen').getContext('2d').getImageData(0, 0, 28, 28).data;
                return Array.from({length: 784}, (_, i) => data[4 * i]);""");
        return grey.stream().mapToDouble(g -> g.doubleValue() / 255).toArray();
    }

    private static double cosine(double[] a, double[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** Sum of the grey levels of the 28 × 28 image shown as what the network saw. */
    private static long inkSeen() {
        return ((Number) script("""
                const data = document.getElementById('seen').getContext('2d').getImageData(0, 0, 28, 28).data;
                let sum = 0;
                for (let i = 0; i < data.length; i += 4) sum += data[i];
                return sum;""")).longValue();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static int points(String chart) {
        return Integer.parseInt(browser.findElement(By.id(chart)).getAttribute("data-points"));
    }

    private static Object script(String source, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(source, args);
    }

    private static void await(BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE).until(driver -> condition.getAsBoolean());
    }

    /** A page drawn with text, charts and digits has many colours and much that is not background. */
    private static void assertNotBlank(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        int background = image.getRGB(0, 0);
        long other = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y));
                other += image.getRGB(x, y) != background ? 1 : 0;
            }
        }
        assertTrue(colours.size() > 100, "only " + colours.size() + " colours in the screenshot");
        assertTrue(other > image.getWidth() * image.getHeight() / 10, "the screenshot is nearly all background");
    }
}

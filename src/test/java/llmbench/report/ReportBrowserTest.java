package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the fixture report in headless Chromium: it loads with no console output (so no error), every chart
 * is drawn with data (the page's {@code data-charts-ready} equals {@code data-charts-expected}), and a screenshot
 * is written to {@code target/report-screenshots/report.png}. Without Chromium the test is skipped, except under
 * {@code CI=true}, where it fails.
 */
class ReportBrowserTest {
    static final Path SCREENSHOT = Path.of("target", "report-screenshots", "report.png");

    @TempDir
    static Path tmp;
    static HeadlessChromium chromium;
    static Path page;

    static final String MISSING = "Chromium not found (/usr/bin/chromium or chromium on PATH); install Debian's "
            + "chromium package";

    @BeforeAll
    static void renderReport() {
        chromium = HeadlessChromium.find().orElse(null);
        if (chromium == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(MISSING + " (CI=true: the browser test is required)");
            }
            System.err.println("ReportBrowserTest SKIPPED: " + MISSING);
            return;
        }
        page = ReportMain.run(new String[] {"--results-dir", ReportNumbersTest.FIXTURES.toString(),
                "--out", tmp.resolve("reports").toString()}, ZonedDateTime.of(2026, 2, 15, 9, 0, 0, 0, ZoneOffset.UTC));
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(chromium != null, "SKIPPED: " + MISSING);
    }

    @Test
    void pageLoadsWithoutConsoleOutputAndDrawsEveryChartWithData() throws Exception {
        HeadlessChromium.Result r = chromium.run(tmp, List.of("--dump-dom"), page);
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(List.of(), r.consoleLines(), "console messages of the page");
        Matcher body = Pattern.compile("<body([^>]*)>").matcher(r.stdout());
        assertTrue(body.find(), "rendered DOM has a body");
        String attrs = body.group(1);
        assertEquals("9", attr(attrs, "data-charts-expected"), attrs);
        assertEquals("9", attr(attrs, "data-charts-ready"), attrs);
        assertEquals("", attr(attrs, "data-charts-empty"), attrs);
        // each chart container got a canvas from ECharts
        assertEquals(9, Pattern.compile("<div class=\"chart\" id=\"chart-[a-z]+\"[^>]*data-points=\"[1-9]")
                .matcher(r.stdout()).results().count());
    }

    @Test
    void consoleErrorsWouldBeCaught() throws Exception {
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<html><body><script>throw new Error('deliberate-test-error');</script></body></html>");
        HeadlessChromium.Result r = chromium.run(tmp, List.of("--dump-dom"), bad);
        assertFalse(r.consoleLines().isEmpty(), "an uncaught error shows on stderr: " + r.stderr());
        assertTrue(r.consoleLines().get(0).contains("deliberate-test-error"));
    }

    @Test
    void screenshotOfTheWholePage() throws Exception {
        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        HeadlessChromium.Result r = chromium.run(tmp, List.of("--window-size=1400,3000",
                "--screenshot=" + SCREENSHOT.toAbsolutePath()), page);
        assertEquals(0, r.exit(), r.stderr());
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertTrue(png.length > 50_000, "screenshot has content: " + png.length + " bytes");
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    private static String attr(String attrs, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attrs);
        return m.find() ? m.group(1) : null;
    }
}

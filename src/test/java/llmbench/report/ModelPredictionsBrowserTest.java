package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the cache-busted reference-server run in headless Chromium: "What the model predicts" is drawn
 * with its measured points and curves (8 + 8 measured points; value, low and high of 2 figures at 16 k) and the page logs nothing. Skipped
 * without Chromium, except under {@code CI=true}.
 */
class ModelPredictionsBrowserTest {
    @Test
    void theModelChartIsDrawnWithDataAndThePageLogsNothing(@TempDir Path tmp) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find().orElse(null);
        if (chromium == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(ReportBrowserTest.MISSING + " (CI=true: the browser test is required)");
        }
        Assumptions.assumeTrue(chromium != null, "SKIPPED: " + ReportBrowserTest.MISSING);
        Path page = ReportMain.run(new String[] {"--results-dir", ModelPredictionsTest.bustDir(tmp).toString(),
                "--out", tmp.resolve("reports").toString()}, ZonedDateTime.of(2026, 11, 30, 8, 0, 0, 0, ZoneOffset.UTC));
        HeadlessChromium.Result r = chromium.run(tmp, List.of("--dump-dom"), page);
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(List.of(), r.consoleLines(), "console messages of the page");
        Matcher chart = Pattern.compile("<div class=\"chart\" id=\"chart-model\"[^>]*data-points=\"(\\d+)\"").matcher(r.stdout());
        assertTrue(chart.find(), "the model chart was drawn");
        assertEquals(8 + 8 + 6 * 16, Integer.parseInt(chart.group(1)));
        assertTrue(r.stdout().contains("<canvas"), "ECharts drew on a canvas");
    }
}

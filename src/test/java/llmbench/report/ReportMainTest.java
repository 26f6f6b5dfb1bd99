package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import llmbench.config.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMainTest {

    @TempDir
    Path tmp;

    @Test
    void missingResultsDirectoryIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ReportMain.run(new String[] {"--results-dir", tmp.resolve("nope").toString()}, ZonedDateTime.now()));
        assertTrue(e.getMessage().startsWith("results directory not found"), e.getMessage());
    }

    @Test
    void directoryWithoutBenchmarkFilesIsBadInput() throws Exception {
        Files.writeString(tmp.resolve("x.json"), "{\"benchmark\":\"other\"}");
        BadInputException e = assertThrows(BadInputException.class,
                () -> ReportMain.run(new String[] {"--results-dir", tmp.toString()}, ZonedDateTime.now()));
        assertTrue(e.getMessage().startsWith("no benchmark result files"), e.getMessage());
    }

    @Test
    void unknownArgumentAndMissingValueAreBadInput() {
        assertThrows(BadInputException.class, () -> ReportMain.run(new String[] {"--bogus"}, ZonedDateTime.now()));
        assertThrows(BadInputException.class, () -> ReportMain.run(new String[] {"--out"}, ZonedDateTime.now()));
    }

    @Test
    void picocliMessagesEndWithTheUsage() {
        assertEquals("Unknown option: '--bogus' (usage: ReportMain [-h] [--out=DIR] [--results-dir=DIR])",
                assertThrows(BadInputException.class, () -> ReportMain.run(new String[] {"--bogus"}, ZonedDateTime.now()))
                        .getMessage());
        assertEquals("--out needs a value (usage: ReportMain [-h] [--out=DIR] [--results-dir=DIR])",
                assertThrows(BadInputException.class, () -> ReportMain.run(new String[] {"--out", " "}, ZonedDateTime.now()))
                        .getMessage());
        assertEquals("Missing required option: '--results-dir=DIR' (usage: SweepTable [-h] [--out=FILE] --results-dir=DIR "
                        + "[--labels=A,B[,A,B...]]...)",
                assertThrows(BadInputException.class, () -> SweepTable.run(new String[] {"--out", "x.md"})).getMessage());
    }

    @Test
    void commandLineEndsWithOneLineAndStatusTwoOnBadInput() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReportMain.class.getName(),
                "--results-dir", tmp.resolve("nope").toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor());
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("gatling-llm-bench: error: results directory not found: "), err);
    }

    @Test
    void missingRunsAreNamedInsteadOfAnswered() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("only-batch"));
        Files.copy(ReportNumbersTest.FIXTURES.resolve("bench_batch_baseline_20261129_023642.json"),
                dir.resolve("bench_batch_baseline_20261129_023642.json"));
        Path page = ReportMain.run(new String[] {"--results-dir", dir.toString(), "--out", tmp.resolve("out").toString()},
                ZonedDateTime.now());
        String md = Files.readString(page.resolveSibling("report.md"));
        assertTrue(md.contains("no bench_concurrent file with label baseline"));
        assertTrue(md.contains("no bench_cache file with label ssd"));
        assertTrue(md.contains("no bench_memory file with label baseline"));
        assertTrue(md.contains("Yes: aggregate throughput goes from"));
        assertTrue(new File(page.toString()).length() > 0);
    }

    @Test
    void oddAndFailedFilesDoNotStopTheReport() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("odd"));
        Files.writeString(dir.resolve("array.json"), "[1, 2]");
        Files.writeString(dir.resolve("broken.json"), "{\"benchmark\": ");
        // every request of every level failed: no latencies, no TTFTs
        Files.writeString(dir.resolve("bench_concurrent_baseline_20260214_123000.json"), """
                {"benchmark": "bench_concurrent", "timestamp": "2026-02-14T12:35:00.000001+00:00", "results": [
                  {"aggregate": {"concurrency": 8, "batch_time_s": 1.0, "successful": 0, "errors": 8, "count_429": 0,
                                 "count_503": 8, "total_completion_tokens": 0, "aggregate_tok_s": 0.0},
                   "per_request": [{"request_idx": 0, "error": "HTTP 503: busy", "status_code": 503, "total_time_s": 0.01}]}]}
                """);
        Path page = ReportMain.run(new String[] {"--results-dir", dir.toString(), "--out", tmp.resolve("out").toString()},
                ZonedDateTime.now());
        String md = Files.readString(page.resolveSibling("report.md"));
        assertTrue(md.contains("baseline: p95 n/a s"), md);
        assertTrue(md.contains("8 errors"));
        assertTrue(md.contains("**Latency percentiles by concurrency**: no data: the files have no values to plot"), md);
        assertTrue(md.contains("Skipped array.json: unknown benchmark type"));
        assertTrue(md.contains("Skipped broken.json: not JSON"));
    }
}

package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSkipNoteTest {
    @Test
    void aCorruptResultFileIsNamedOnTheConsoleNotOnlyInThePage(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Files.copy(Path.of("src/test/resources/golden/bench_batch.json"), results.resolve("bench_batch_baseline_1.json"));
        Files.writeString(results.resolve("bench_single_baseline_2.json"), "{\"benchmark\": \"bench_single\", \"resu");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ReportMain.run(new String[] {"--results-dir", results.toString(), "--out", dir.resolve("out").toString()},
                    ZonedDateTime.parse("2026-11-30T07:00:00Z"));
        } finally {
            System.setErr(err);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("gatling-llm-bench: note: skipped bench_single_baseline_2.json: not JSON"), out);
    }
}

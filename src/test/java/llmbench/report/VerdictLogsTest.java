package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictLogsTest {
    private static final String API_JSON = """
            {"benchmark": "api_comprehensive", "label": "baseline",
             "summary": {"passed": 6, "total": 7, "failed": 1, "all_passed": false},
             "checks": [{"name": "streaming_chat", "passed": true, "reasons": []},
                        {"name": "stop_sequences", "passed": false, "reasons": ["finish_reason is length, not stop"]}]}
            """;
    private static final String LIFECYCLE_JSON = """
            {"harness": "lifecycle", "passed": true, "steps": [
              {"name": "server_launch", "passed": true, "detail": "exit 0"},
              {"name": "memory_released", "passed": true, "detail": "+12.0 MB (limit 1024.0)"},
              {"name": "memory_growth", "passed": true, "detail": "slope 1.50 MB/min"},
              {"name": "no_residual_processes", "passed": true, "detail": "pid 7 gone"}]}
            """;

    @Test
    void ourOwnJsonReportsAnswerBeforeTheSeedsLogs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("api_baseline.log"), "[PASS] streaming_chat\nSUMMARY: 7/7 passed, 0 failed\n");
        Files.writeString(dir.resolve("bench_api_baseline_20261129_010000.json"), API_JSON);
        Files.writeString(dir.resolve("lifecycle_baseline_20261129_010000.json"), LIFECYCLE_JSON);

        List<Answer> answers = VerdictLogs.of(ResultsReader.read(dir).textLogs());

        assertEquals("FAIL: 6/7 passed; failed: stop_sequences (finish_reason is length, not stop).", answers.get(0).text());
        assertEquals("PASS. memory_released: +12.0 MB (limit 1024.0); memory_growth: slope 1.50 MB/min; "
                + "no_residual_processes: pid 7 gone.", answers.get(1).text());
        assertEquals(List.of("lifecycle_baseline_20261129_010000.json"), answers.get(1).sources());
    }

    @Test
    void theLatestLifecycleReportWinsAndALeakIsJudgedOnItsMemoryStepsOnly(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lifecycle_baseline_20261129_010000.json"), LIFECYCLE_JSON);
        Files.writeString(dir.resolve("lifecycle_baseline_20261129_020000.json"), LIFECYCLE_JSON
                .replace("\"passed\": true, \"steps\"", "\"passed\": false, \"steps\"")
                .replace("{\"name\": \"memory_growth\", \"passed\": true", "{\"name\": \"memory_growth\", \"passed\": false")
                .replace("{\"name\": \"server_launch\", \"passed\": true", "{\"name\": \"server_launch\", \"passed\": false"));

        Answer leak = VerdictLogs.of(ResultsReader.read(dir).textLogs()).get(1);

        assertEquals("FAIL (memory_growth). memory_released: +12.0 MB (limit 1024.0); "
                + "memory_growth: slope 1.50 MB/min; no_residual_processes: pid 7 gone. "
                + "Other failed steps of the run: server_launch.", leak.text());
    }
}

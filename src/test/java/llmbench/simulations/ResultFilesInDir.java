package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the end-to-end tests check in every result: one final file, no partial left, the five metrics. */
final class ResultFilesInDir {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FIVE =
            List.of("prefill_time_s", "prefill_tok_s", "decode_time_s", "decode_tok_s", "throughput_tok_s");

    private ResultFilesInDir() {
    }

    /** Reads the one result file (and checks its partial file is gone). */
    static JsonNode onlyResult(Path dir, String stemPrefix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            List<Path> json = all.stream().filter(p -> p.toString().endsWith(".json")).toList();
            assertEquals(1, json.size(), "result files: " + all);
            Path file = json.get(0);
            assertTrue(file.getFileName().toString().startsWith(stemPrefix), file.toString());
            assertTrue(file.getFileName().toString().matches(".*_\\d{8}_\\d{6}\\.json"), file.toString());
            return JSON.readTree(file.toFile());
        }
    }

    static void hasFivePositiveMetrics(JsonNode row) {
        for (String metric : FIVE) {
            assertTrue(row.path(metric).isNumber() && row.path(metric).asDouble() > 0,
                    "row " + row + " lacks a positive " + metric);
        }
    }
}

package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** The one final result file of a directory (partial files aside). */
    static Path onlyFinalResultFile(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith("_partial.json"))
                    .toList();
            assertEquals(1, json.size(), "result files: " + json);
            return json.get(0);
        }
    }

    /** Every request line of the directory's {@code _requests.jsonl} files, by the server's response id. */
    static Map<String, JsonNode> requestLinesByResponseId(Path dir) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith("_requests.jsonl")).toList()) {
                for (String line : Files.readAllLines(p)) {
                    JsonNode n = JSON.readTree(line);
                    out.put(n.path("response_id").asText(), n);
                }
            }
        }
        return out;
    }

    /**
     * The requests of a bench_batch result, each checked for the five positive metrics (and every batch size for
     * its five means), and their count.
     */
    static List<JsonNode> batchRequestsWithTheFiveMetrics(JsonNode result, int expectedRequests) {
        List<JsonNode> requests = new ArrayList<>();
        for (JsonNode k : result.path("results")) {
            for (String metric : FIVE) {
                assertTrue(k.path(metric).isNumber(), "k=" + k.path("batch_size") + " lacks " + metric);
            }
            List<JsonNode> ofK = new ArrayList<>();
            for (JsonNode run : k.path("runs")) {
                for (JsonNode r : run.path("requests")) {
                    hasFivePositiveMetrics(r);
                    ofK.add(r);
                }
            }
            itlDistributionHoldsEveryGap(k, ofK);
            requests.addAll(ofK);
        }
        assertEquals(expectedRequests, requests.size());
        return requests;
    }

    static void hasFivePositiveMetrics(JsonNode row) {
        for (String metric : FIVE) {
            assertTrue(row.path(metric).isNumber() && row.path(metric).asDouble() > 0,
                    "row " + row + " lacks a positive " + metric);
        }
        if (row.has("completion_tokens")) {
            hasTokenLatencies(row);
        }
    }

    /**
     * A successful request row's normalized latency, and for a stream of two or more content chunks its ITL:
     * ordered p50 ≤ p99 ≤ max, the max no longer than the decode time it lies within.
     */
    static void hasTokenLatencies(JsonNode row) {
        assertTrue(row.path("normalized_latency_s_per_token").asDouble() > 0, "row " + row + " lacks normalized latency");
        boolean stream = row.path("ttft_s").isNumber() && row.path("content_chunks").asInt() >= 2;
        for (String f : List.of("itl_p50_s", "itl_p99_s", "itl_max_s")) {
            assertTrue(row.has(f), "row " + row + " lacks " + f);
            assertEquals(stream, row.path(f).isNumber(), f + " of " + row);
        }
        if (stream) {
            double p50 = row.path("itl_p50_s").asDouble();
            double p99 = row.path("itl_p99_s").asDouble();
            double max = row.path("itl_max_s").asDouble();
            assertTrue(0 <= p50 && p50 <= p99 && p99 <= max && max <= row.path("decode_time_s").asDouble() + 1e-4,
                    "ITL of " + row);
        }
    }

    /** {@code summary.itl_s} counts one gap per content chunk after the first of every successful streamed row. */
    static void itlDistributionHoldsEveryGap(JsonNode summary, Iterable<JsonNode> rows) {
        long gaps = 0;
        for (JsonNode r : rows) {
            if (r.path("error").isNull() && r.path("ttft_s").isNumber()) {
                gaps += Math.max(0, r.path("content_chunks").asInt() - 1);
            }
        }
        JsonNode itl = summary.path("itl_s");
        assertEquals(gaps, itl.path("count").asLong(), "itl_s of " + summary);
        if (gaps > 0) {
            assertTrue(itl.path("p50").asDouble() <= itl.path("p99").asDouble()
                    && itl.path("p99").asDouble() <= itl.path("max").asDouble(), "itl_s " + itl);
        }
    }
}

package llmbench.report;

import static llmbench.report.SeedExtract.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The figures of each benchmark format that the key questions and charts use, read as the files have them. */
final class Measures {
    private Measures() {
    }

    record BatchPoint(int k, Double throughput, Double avgLatency, Double p95Latency, Double speedup) {
    }

    record Level(int concurrency, Double latencyP50, Double latencyP95, Double latencyP99, Double ttftP95,
                 int errors) {
    }

    /**
     * One bench_memory case. {@code kvBytesAdded} is our MemorySimulation's {@code memory.delta} when its source is
     * the server's own KV figure ({@code health.memory}, bytes): what this case added, unlike the pool figures
     * after it, which also hold whatever earlier tests of the phase left in the prefix cache.
     */
    record MemoryCase(String testName, Double usedBlocks, Double utilization, Double kvBytesAdded) {
    }

    /**
     * One n-gram category. {@code acceptance} = Δaccepted / Δproposed between the cumulative spec-decode
     * metrics read before this category (the previous category's, or the file's {@code spec_metrics_before})
     * and after it; null when either reading is missing or nothing was proposed.
     */
    record Category(String name, Double genTokS, Double acceptance, Double proposed, Double accepted) {
    }

    /** bench_batch (seed spec §5.2 / ours): one point per batch size. */
    static List<BatchPoint> batch(ResultFile f) {
        List<BatchPoint> out = new ArrayList<>();
        for (JsonNode r : f.root().path("results")) {
            out.add(new BatchPoint(r.path("batch_size").asInt(), num(r.get("avg_aggregate_throughput_tok_s")),
                    num(r.get("avg_per_request_latency_s")), num(r.get("p95_per_request_latency_s")),
                    num(r.get("speedup_vs_k1"))));
        }
        return out;
    }

    /** bench_concurrent (§5.3): one entry per level, from its {@code aggregate}. */
    static List<Level> concurrent(ResultFile f) {
        List<Level> out = new ArrayList<>();
        for (JsonNode r : f.root().path("results")) {
            JsonNode a = r.path("aggregate");
            out.add(new Level(a.path("concurrency").asInt(), num(a.get("latency_p50")), num(a.get("latency_p95")),
                    num(a.get("latency_p99")), num(a.get("ttft_p95")), a.path("errors").asInt()));
        }
        return out;
    }

    /** bench_memory (§5.5): block-pool figures of {@code health_after} per prompt size. */
    static List<MemoryCase> memory(ResultFile f) {
        List<MemoryCase> out = new ArrayList<>();
        for (JsonNode r : f.root().path("results")) {
            JsonNode h = r.path("health_after");
            JsonNode m = r.path("memory");
            boolean kvBytes = "health.memory".equals(m.path("source").asText()) && "bytes".equals(m.path("unit").asText());
            out.add(new MemoryCase(r.path("test_name").asText(), num(h.path("cache_stats").get("used_blocks")),
                    num(h.get("utilization")), kvBytes ? num(m.get("delta")) : null));
        }
        return out;
    }

    /** bench_ngram (§5.6). */
    static List<Category> ngram(ResultFile f) {
        List<Category> out = new ArrayList<>();
        JsonNode prev = f.root().get("spec_metrics_before");
        for (JsonNode r : f.root().path("results")) {
            JsonNode after = r.get("spec_metrics_after");
            Double proposed = delta(prev, after, "total_proposed");
            Double accepted = delta(prev, after, "total_accepted");
            Double acceptance = proposed != null && accepted != null && proposed > 0 ? accepted / proposed : null;
            boolean ok = !r.hasNonNull("error") || r.get("error").asText().isEmpty();
            out.add(new Category(r.path("category").asText(), ok ? num(r.get("generation_tok_s")) : null,
                    acceptance, proposed, accepted));
            prev = after;
        }
        return out;
    }

    /** bench_cache (§5.4): TTFT of a named case, null when absent or errored. */
    static Double cacheTtft(ResultFile f, String testName) {
        for (JsonNode r : f.root().path("results")) {
            if (testName.equals(r.path("test_name").asText()) && !r.hasNonNull("error")) {
                return num(r.get("ttft_s"));
            }
        }
        return null;
    }

    private static Double delta(JsonNode before, JsonNode after, String key) {
        if (before == null || after == null || !before.path(key).isNumber() || !after.path(key).isNumber()) {
            return null;
        }
        return after.get(key).asDouble() - before.get(key).asDouble();
    }

    static Double mean(List<Double> values) {
        List<Double> present = values.stream().filter(v -> v != null).toList();
        return present.isEmpty() ? null : present.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}

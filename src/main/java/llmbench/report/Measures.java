package llmbench.report;

import static llmbench.report.SeedExtract.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmbench.metrics.Means;
import llmbench.metrics.ScalingAnswers;
import llmbench.metrics.SpecDecodeDeltas;

/** The figures of each benchmark format that the key questions and charts use, read as the files have them. */
final class Measures {
    private Measures() {
    }

    /** @param runThroughputs each run's {@code aggregate_throughput_tok_s} (the seed's files have them too) */
    record BatchPoint(int k, Double throughput, Double avgLatency, Double p95Latency, Double speedup,
                      double[] runThroughputs) {
        ScalingAnswers.Point scalingPoint() {
            return new ScalingAnswers.Point(k, throughput, avgLatency, runThroughputs);
        }
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
     * One n-gram result row (one request of a category). {@code spec} holds the deltas of the cumulative
     * spec-decode counters between the reading before this row (the previous row's {@code spec_metrics_after},
     * or the file's {@code spec_metrics_before}) and its {@code spec_metrics_after}; {@code acceptance} =
     * Δaccepted / Δproposed, null when either reading is missing or nothing was proposed.
     */
    record Category(String name, Double genTokS, SpecDecodeDeltas spec) {
        Double acceptance() {
            return spec.acceptanceRate();
        }

        Double proposed() {
            return spec.proposed();
        }

        Double accepted() {
            return spec.accepted();
        }
    }

    /** bench_batch (seed spec §5.2 / ours): one point per batch size. */
    static List<BatchPoint> batch(ResultFile f) {
        List<BatchPoint> out = new ArrayList<>();
        for (JsonNode r : f.root().path("results")) {
            out.add(new BatchPoint(r.path("batch_size").asInt(), num(r.get("avg_aggregate_throughput_tok_s")),
                    num(r.get("avg_per_request_latency_s")), num(r.get("p95_per_request_latency_s")),
                    num(r.get("speedup_vs_k1")), runThroughputs(r)));
        }
        return out;
    }

    private static double[] runThroughputs(JsonNode batchSize) {
        List<Double> out = new ArrayList<>();
        for (JsonNode run : batchSize.path("runs")) {
            Double t = num(run.get("aggregate_throughput_tok_s"));
            if (t != null) {
                out.add(t);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
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
            SpecDecodeDeltas spec = SpecDecodeDeltas.between(prev, after);
            JsonNode own = r.path("spec_delta");
            if (!spec.reported() && own.path("proposed").isNumber()) {
                // no counters endpoint (llama-server): the row's own counts, from its reply's timings.draft_n
                spec = new SpecDecodeDeltas(num(own.get("proposed")), num(own.get("accepted")),
                        num(own.get("bonus_tokens")), num(own.get("steps")));
            }
            boolean ok = !r.hasNonNull("error") || r.get("error").asText().isEmpty();
            out.add(new Category(r.path("category").asText(), ok ? num(r.get("generation_tok_s")) : null, spec));
            prev = after;
        }
        return out;
    }

    /**
     * The rows of {@link #ngram} merged per category name, in first-seen order: {@code genTokS} = mean of the
     * category's rows, {@code spec} = sum of their deltas (so acceptance = Σaccepted / Σproposed).
     */
    static List<Category> ngramByCategory(ResultFile f) {
        Map<String, List<Category>> by = new LinkedHashMap<>();
        for (Category c : ngram(f)) {
            by.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
        }
        List<Category> out = new ArrayList<>();
        by.forEach((name, rows) -> out.add(new Category(name, mean(rows.stream().map(Category::genTokS).toList()),
                spec(rows))));
        return out;
    }

    /** The n-gram rate of a file: mean generation tok/s over its successful rows; null when none has one. */
    static Double ngramRate(ResultFile f) {
        return mean(ngram(f).stream().map(Category::genTokS).toList());
    }

    /** Spec-decode deltas summed over rows or categories (a counter missing everywhere stays null). */
    static SpecDecodeDeltas spec(List<Category> rows) {
        SpecDecodeDeltas sum = new SpecDecodeDeltas(null, null, null, null);
        for (Category c : rows) {
            sum = sum.plus(c.spec());
        }
        return sum;
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

    static Double mean(List<Double> values) {
        return Means.ofPresent(values);
    }
}

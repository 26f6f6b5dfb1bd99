package llmbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import llmbench.metrics.ExtractedFive;
import llmbench.metrics.Means;
import llmbench.metrics.Rates;
import llmbench.metrics.Rounding;

/**
 * The seed's extract_results.py view (seed spec §5.7), reproduced: the five metrics per result row, one row
 * per case (single, cache, memory, ngram), per batch size (batch: mean of the non-zero per-request values,
 * 2 decimals) or per concurrency level (concurrent: likewise); then per phase and benchmark the mean of the
 * values above 0 (3 decimals), and {@code _overall} over every row of the phase. The derivation, means and
 * rounding are {@code llmbench.metrics}' ({@link ExtractedFive}, {@link Means}, {@link Rounding}); this class
 * reads the files and groups their rows.
 */
public final class SeedExtract {
    public static final List<String> FIVE = List.of(
            "prefill_time_s", "prefill_tok_s", "decode_time_s", "decode_tok_s", "throughput_tok_s");
    public static final String OVERALL = "_overall";

    public record Row(ResultFile file, String testName, Map<String, Double> values) {
    }

    /** phase → benchmark (or {@link #OVERALL}) → metric → mean. Phases and benchmarks in first-seen order. */
    public record Summary(List<Row> rows, Map<String, Map<String, Map<String, Double>>> byPhase) {

        public Double overall(String phase, String metric) {
            return byPhase.getOrDefault(phase, Map.of()).getOrDefault(OVERALL, Map.of()).get(metric);
        }

        public Double bench(String phase, String benchmark, String metric) {
            return byPhase.getOrDefault(phase, Map.of()).getOrDefault(benchmark, Map.of()).get(metric);
        }

        /** Percent change of a phase's metric on one benchmark vs baseline's, null when either is 0 or missing. */
        public Double benchDelta(String phase, String benchmark, String metric) {
            return pctChange(bench(Phases.BASELINE, benchmark, metric), bench(phase, benchmark, metric));
        }

        /** Percent change of a phase's overall metric vs baseline, null when either is 0 or missing ("N/A"). */
        public Double deltaVsBaseline(String phase, String metric) {
            return pctChange(overall(Phases.BASELINE, metric), overall(phase, metric));
        }

        private static Double pctChange(Double base, Double v) {
            return Rates.percentChange(base, v);
        }
    }

    private SeedExtract() {
    }

    public static Summary of(List<ResultFile> files) {
        List<Row> rows = new ArrayList<>();
        for (ResultFile f : files) {
            rows.addAll(rows(f));
        }
        Map<String, List<Row>> phaseRows = new TreeMap<>((a, b) -> Integer.compare(rank(a), rank(b)));
        for (Row r : rows) {
            phaseRows.computeIfAbsent(r.file().phase(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Map<String, Map<String, Double>>> byPhase = new LinkedHashMap<>();
        phaseRows.forEach((phase, list) -> {
            Map<String, List<Row>> byBench = new LinkedHashMap<>();
            list.forEach(r -> byBench.computeIfAbsent(r.file().benchmark(), k -> new ArrayList<>()).add(r));
            Map<String, Map<String, Double>> m = new LinkedHashMap<>();
            byBench.forEach((bench, rs) -> m.put(bench, meansAboveZero(rs)));
            m.put(OVERALL, meansAboveZero(list));
            byPhase.put(phase, m);
        });
        return new Summary(List.copyOf(rows), byPhase);
    }

    static List<Row> rows(ResultFile f) {
        List<Row> out = new ArrayList<>();
        for (JsonNode r : f.root().path("results")) {
            switch (f.benchmark()) {
                case "bench_batch" -> {
                    List<Map<String, Double>> reqs = new ArrayList<>();
                    for (JsonNode run : r.path("runs")) {
                        for (JsonNode q : run.path("requests")) {
                            addIfDerived(reqs, q);
                        }
                    }
                    Map<String, Double> v = meanNonZero(reqs);
                    v.put("aggregate_throughput_tok_s", num(r.get("avg_aggregate_throughput_tok_s")));
                    out.add(new Row(f, "batch_k" + r.path("batch_size").asInt(), v));
                }
                case "bench_concurrent" -> {
                    List<Map<String, Double>> reqs = new ArrayList<>();
                    r.path("per_request").forEach(q -> addIfDerived(reqs, q));
                    Map<String, Double> v = meanNonZero(reqs);
                    v.put("aggregate_tok_s", num(r.path("aggregate").get("aggregate_tok_s")));
                    out.add(new Row(f, "concurrent_" + r.path("aggregate").path("concurrency").asInt(), v));
                }
                default -> {
                    Map<String, Double> v = derive(r);
                    if (v == null) {
                        continue;
                    }
                    if (f.benchmark().equals("bench_memory")) {
                        JsonNode cs = r.path("health_after").path("cache_stats");
                        v.put("used_blocks", num(cs.get("used_blocks")));
                        v.put("utilization", num(r.path("health_after").get("utilization")));
                    }
                    String name = f.benchmark().equals("bench_ngram") ? r.path("category").asText(null)
                            : r.path("test_name").asText(null);
                    out.add(new Row(f, name, v));
                }
            }
        }
        return out;
    }

    private static void addIfDerived(List<Map<String, Double>> into, JsonNode q) {
        Map<String, Double> d = derive(q);
        if (d != null) {
            into.add(d);
        }
    }

    /** extract_results' {@code _derive_metrics}: null for an errored or untimed row. */
    static Map<String, Double> derive(JsonNode r) {
        if (truthy(r.get("error"))) {
            return null;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        if (FIVE.stream().allMatch(r::has)) {
            FIVE.forEach(k -> m.put(k, num(r.get(k))));
            return m;
        }
        ExtractedFive d = ExtractedFive.derive(num(r.get("ttft_s")), num(r.get("total_time_s")),
                num(r.get("prompt_tokens")), num(r.get("completion_tokens")), num(r.get("generation_tok_s")));
        if (d == null) {
            return null;
        }
        m.put("prefill_time_s", d.prefillTimeS());
        m.put("prefill_tok_s", d.prefillTokS());
        m.put("decode_time_s", d.decodeTimeS());
        m.put("decode_tok_s", d.decodeTokS());
        m.put("throughput_tok_s", d.throughputTokS());
        return m;
    }

    /** extract_results' per-batch-size / per-level row: mean of the non-zero per-request values, 2 decimals. */
    private static Map<String, Double> meanNonZero(List<Map<String, Double>> reqs) {
        Map<String, Double> v = new LinkedHashMap<>();
        for (String k : FIVE) {
            v.put(k, Rounding.round(Means.ofNonZero(reqs.stream().map(q -> q.get(k)).toList()), 2));
        }
        return v;
    }

    /** extract_results' summary: per metric the mean of the rows' values above 0, 3 decimals. */
    private static Map<String, Double> meansAboveZero(List<Row> rows) {
        Map<String, Double> v = new LinkedHashMap<>();
        for (String k : FIVE) {
            v.put(k, Rounding.round(Means.ofPositive(rows.stream().map(r -> r.values().get(k)).toList()), 3));
        }
        return v;
    }

    static int rank(String phase) {
        int i = Phases.ORDER.indexOf(phase);
        return i < 0 ? Phases.ORDER.size() : i;
    }

    static Double num(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }

    private static boolean truthy(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return false;
        }
        if (n.isTextual()) {
            return !n.asText().isEmpty();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isNumber()) {
            return n.asDouble() != 0;
        }
        return n.size() > 0;
    }
}

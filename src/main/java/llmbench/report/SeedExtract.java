package llmbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seed's extract_results.py view (seed spec §5.7), reproduced: the five metrics per result row, one row
 * per case (single, cache, memory, ngram), per batch size (batch: mean of the non-zero per-request values,
 * 2 decimals) or per concurrency level (concurrent: likewise); then per phase and benchmark the mean of the
 * values above 0 (3 decimals), and {@code _overall} over every row of the phase. Rounding is Python's
 * {@code round}: half-even on the exact binary value.
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
            if (base == null || v == null || base == 0 || v == 0) {
                return null;
            }
            return (v - base) / base * 100;
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
        Double ttft = num(r.get("ttft_s"));
        Double total = num(r.get("total_time_s"));
        if (total == null || total <= 0) {
            return null;
        }
        double prompt = orZero(num(r.get("prompt_tokens")));
        double completion = orZero(num(r.get("completion_tokens")));
        double prefill = ttft != null && ttft > 0 ? ttft : total;
        double decode = ttft != null ? total - prefill : 0.0;
        Double gen = num(r.get("generation_tok_s"));
        m.put("prefill_time_s", prefill);
        m.put("prefill_tok_s", prompt > 0 && prefill > 0 ? pyRound(prompt / prefill, 1) : 0.0);
        m.put("decode_time_s", decode);
        m.put("decode_tok_s", gen != null && gen != 0 ? gen
                : completion > 0 && decode > 0 ? pyRound(completion / decode, 2) : 0.0);
        m.put("throughput_tok_s", pyRound((prompt + completion) / total, 2));
        return m;
    }

    private static Map<String, Double> meanNonZero(List<Map<String, Double>> reqs) {
        Map<String, Double> v = new LinkedHashMap<>();
        for (String k : FIVE) {
            double s = 0;
            int n = 0;
            for (Map<String, Double> q : reqs) {
                Double x = q.get(k);
                if (x != null && x != 0) {
                    s += x;
                    n++;
                }
            }
            v.put(k, n == 0 ? 0.0 : pyRound(s / n, 2));
        }
        return v;
    }

    private static Map<String, Double> meansAboveZero(List<Row> rows) {
        Map<String, Double> v = new LinkedHashMap<>();
        for (String k : FIVE) {
            double s = 0;
            int n = 0;
            for (Row r : rows) {
                Double x = r.values().get(k);
                if (x != null && x > 0) {
                    s += x;
                    n++;
                }
            }
            v.put(k, n == 0 ? 0.0 : pyRound(s / n, 3));
        }
        return v;
    }

    static int rank(String phase) {
        int i = Phases.ORDER.indexOf(phase);
        return i < 0 ? Phases.ORDER.size() : i;
    }

    /** Python's {@code round(x, places)}: half-even on the exact binary value. */
    public static double pyRound(double x, int places) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }

    static Double num(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }

    private static double orZero(Double d) {
        return d == null ? 0.0 : d;
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

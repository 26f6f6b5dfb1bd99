package llmbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end of a run on the console, read from its result JSON only (so it shows what the file says): a table
 * of the five metrics per k, level or case, then the plan's answer for that benchmark in one or two lines.
 * Values are printed as the file holds them (already rounded by {@code llmbench.metrics.Rounding}); a missing
 * one is {@code n/a}.
 */
public final class ConsoleSummary {
    static final String[] FIVE = {"prefill_time_s", "prefill_tok_s", "decode_time_s", "decode_tok_s", "throughput_tok_s"};

    private ConsoleSummary() {
    }

    /** The summary's lines, without the files' locations (the run knows those). */
    public static List<String> lines(JsonNode result) {
        String benchmark = result.path("benchmark").asText("");
        List<String> out = new ArrayList<>();
        JsonNode requests = result.path("requests");
        out.add(benchmark + " " + result.path("label").asText("") + ": " + requests.path("successful").asInt()
                + " of " + requests.path("measured").asInt() + " measured requests succeeded"
                + (requests.path("warmup_excluded").asInt() > 0
                ? " (+" + requests.path("warmup_excluded").asInt() + " warm-up)" : "")
                + (requests.path("lost").asLong() > 0 ? ", " + requests.path("lost").asLong() + " LOST" : ""));
        switch (benchmark) {
            case "batch_inference" -> batch(result, out);
            case "bench_concurrent" -> concurrent(result, out);
            default -> cases(result, out);
        }
        return out;
    }

    private static void batch(JsonNode result, List<String> out) {
        Table t = new Table("k", "ok", FIVE[0], FIVE[1], FIVE[2], FIVE[3], FIVE[4], "aggregate_tok_s");
        for (JsonNode k : result.path("results")) {
            t.row(k.path("batch_size").asText(), okOf(k.path("successful"), k.path("errors")),
                    v(k, FIVE[0]), v(k, FIVE[1]), v(k, FIVE[2]), v(k, FIVE[3]), v(k, FIVE[4]),
                    v(k, "avg_aggregate_throughput_tok_s"));
        }
        out.addAll(t.lines());
        JsonNode s = result.path("scaling");
        if (s.isObject()) {
            out.add("answer: throughput rises with k: " + s.path("throughput_rises_with_k_verdict").asText("n/a")
                    + " (trend " + v(s, "throughput_trend_tok_s_per_k") + " tok/s per k, 95 % interval "
                    + interval(s.path("throughput_trend_ci95_tok_s_per_k")) + ")");
            out.add("answer: saturation: " + s.path("saturation_verdict").asText("n/a")
                    + (s.path("saturation_k").isNumber() ? " at k=" + s.path("saturation_k").asText() : "")
                    + " (gain threshold " + v(s, "saturation_gain_threshold") + "; by means alone: "
                    + (s.path("saturation_k_from_means").isNumber() ? "k=" + s.path("saturation_k_from_means").asText()
                    : "none") + "); latency cost per added request " + v(s, "latency_cost_per_added_request_s") + " s");
        }
    }

    private static void concurrent(JsonNode result, List<String> out) {
        Table t = new Table("N", "ok", FIVE[0], FIVE[1], FIVE[2], FIVE[3], FIVE[4], "latency_p95", "aggregate_tok_s");
        JsonNode last = null;
        for (JsonNode level : result.path("results")) {
            JsonNode a = level.path("aggregate");
            last = a;
            t.row(a.path("concurrency").asText(), okOf(a.path("successful"), a.path("errors")), v(a, FIVE[0]),
                    v(a, FIVE[1]), v(a, FIVE[2]), v(a, FIVE[3]), v(a, FIVE[4]), v(a, "latency_p95"),
                    v(a, "aggregate_tok_s"));
        }
        out.addAll(t.lines());
        if (last != null) {
            out.add("answer: p95 latency at concurrency " + last.path("concurrency").asText() + ": "
                    + v(last, "latency_p95") + " s (429: " + v(last, "count_429") + ", 503: " + v(last, "count_503") + ")");
        }
    }

    /** One row per case (Single, Cache, Ngram, Memory, API and any later simulation with per-case rows). */
    private static void cases(JsonNode result, List<String> out) {
        Table t = new Table("case", FIVE[0], FIVE[1], FIVE[2], FIVE[3], FIVE[4], "error");
        for (JsonNode r : result.path("results")) {
            String name = r.path("test_name").asText(r.path("name").asText("?"));
            t.row(name, v(r, FIVE[0]), v(r, FIVE[1]), v(r, FIVE[2]), v(r, FIVE[3]), v(r, FIVE[4]),
                    r.path("error").isTextual() ? clip(r.path("error").asText()) : "");
        }
        out.addAll(t.lines());
        JsonNode cache = result.path("cache_summary");
        if (cache.isObject()) {
            out.add("answer: warm/cold TTFT " + v(cache, "warm_ttft_s") + " / " + v(cache, "cold_ttft_s") + " s = "
                    + v(cache, "warm_cold_ttft_ratio") + "; below half: " + v(cache, "warm_below_half_of_cold"));
        }
        JsonNode api = result.path("summary");
        if (api.has("all_passed")) {
            StringBuilder failed = new StringBuilder();
            for (JsonNode c : result.path("checks")) {
                if (!c.path("passed").asBoolean()) {
                    failed.append(failed.length() == 0 ? "; failed: " : ", ").append(c.path("name").asText());
                }
            }
            out.add("answer: API checks passed " + v(api, "passed") + " of " + v(api, "total") + failed);
        }
        JsonNode memory = result.path("memory_by_prompt_tokens");
        if (memory.isArray() && !memory.isEmpty()) {
            StringBuilder m = new StringBuilder("answer: memory delta by case:");
            for (JsonNode c : memory) {
                m.append(' ').append(c.path("test_name").asText()).append(' ').append(v(c, "delta"))
                        .append(c.path("unit").isTextual() ? " " + c.path("unit").asText() : "").append(';');
            }
            out.add(m.substring(0, m.length() - 1));
        }
        JsonNode overall = result.path("overall");
        if (overall.isObject()) {
            out.add("answer: n-gram acceptance " + v(overall.path("spec_decode"), "acceptance_rate") + ", decode "
                    + v(overall, "decode_tok_s") + " tok/s, speedup vs baseline " + v(overall, "speedup"));
        }
    }

    private static String okOf(JsonNode successful, JsonNode errors) {
        int ok = successful.asInt();
        int failed = errors.isArray() ? errors.size() : errors.asInt();
        return ok + "/" + (ok + failed);
    }

    private static String v(JsonNode n, String field) {
        JsonNode x = n.path(field);
        return x.isMissingNode() || x.isNull() ? "n/a" : x.asText();
    }

    private static String interval(JsonNode pair) {
        return pair.isArray() && pair.size() == 2 ? "[" + pair.get(0).asText() + ", " + pair.get(1).asText() + "]" : "n/a";
    }

    private static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Left-aligned first column, right-aligned others, two spaces apart. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        List<String> lines() {
            int[] w = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            List<String> out = new ArrayList<>();
            for (String[] r : rows) {
                StringBuilder b = new StringBuilder("  ");
                for (int i = 0; i < r.length; i++) {
                    String f = i == 0 ? "%-" + w[i] + "s" : "  %" + w[i] + "s";
                    b.append(String.format(Locale.ROOT, f, r[i]));
                }
                out.add(b.toString().stripTrailing());
            }
            return out;
        }
    }
}

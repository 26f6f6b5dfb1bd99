package llmbench.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import llmbench.config.BadInputException;
import llmbench.files.AtomicFiles;

/**
 * The harness-accuracy report of {@code launchers/bench_harness_accuracy.sh}: reads its run list (one
 * tab-separated line per harness run: harness, streams, stamp file, ground-truth file, emit-lag file and, optional,
 * the repeat it belongs to), pools each harness's repeats per stream count ({@link Level}), prints a Markdown table
 * with the pooled {@link StampErrors} figures beside each repeat's own p99 and the server's emit lag of each run,
 * then the suite's TTFT error p99 against the other harnesses' per stream count (pooled, and repeat by repeat:
 * the repeats are interleaved, so repeat r of two harnesses ran minutes apart at most), and writes the same as JSON.
 *
 * <p>Usage: {@code HarnessAccuracyMain <runs.tsv> <out.json> [context text]}.
 */
public final class HarnessAccuracyMain {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One harness run: its figures and the server's emit lag over the same window. */
    record Run(String harness, int streams, int repeat, StampErrors errors, Map<String, Double> emitLagMs) {
    }

    /** A harness at one stream count: its repeats, and their requests pooled. */
    record Level(String harness, int streams, List<Run> runs, StampErrors pooled) {
        /** Each repeat's |first-token error| p99, in repeat order; null for a repeat where nothing matched. */
        List<Double> p99PerRepeat() {
            List<Double> out = new ArrayList<>();
            for (Run r : runs) {
                out.add(r.errors().absTtftErrorP99Ms());
            }
            return out;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: HarnessAccuracyMain <runs.tsv> <out.json> [context]");
            System.exit(2);
        }
        List<Level> levels;
        try {
            levels = readLevels(Path.of(args[0]));
        } catch (BadInputException e) {
            System.err.println("gatling-llm-bench: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        String context = args.length == 3 ? args[2] : "";
        System.out.print(markdown(levels, context));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("context", context);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Level l : levels) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("harness", l.harness());
            m.put("streams", l.streams());
            m.put("repeats", l.runs().size());
            m.putAll(l.pooled().toMap());
            List<Map<String, Object>> perRepeat = new ArrayList<>();
            for (Run r : l.runs()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("repeat", r.repeat());
                rm.putAll(r.errors().toMap());
                rm.put("server_emit_lag_ms", r.emitLagMs());
                perRepeat.add(rm);
            }
            m.put("per_repeat", perRepeat);
            list.add(m);
        }
        root.put("levels", list);
        root.put("suite_ttft_error_p99_ratio", ratios(levels));
        root.put("suite_ttft_error_p99_ratio_per_repeat", ratiosPerRepeat(levels));
        AtomicFiles.replace(Path.of(args[1]), JSON.writeValueAsString(root) + "\n");
    }

    /** The run list's lines grouped by harness and stream count, in the order they first appear. */
    static List<Level> readLevels(Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new BadInputException("run list " + manifest + " does not exist");
        }
        Map<String, Level> levels = new LinkedHashMap<>();
        for (String line : Files.readAllLines(manifest)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 5 && f.length != 6) {
                throw new BadInputException("run list line needs 5 or 6 tab-separated fields: " + line);
            }
            if (!f[1].matches("[1-9][0-9]*")) {
                throw new BadInputException("run list line needs a stream count in its second field: " + line);
            }
            if (f.length == 6 && !f[5].matches("[1-9][0-9]*")) {
                throw new BadInputException("run list line needs a repeat number in its sixth field: " + line);
            }
            int streams = Integer.parseInt(f[1]);
            Map<String, JsonNode> truth = GroundTruthFile.read(Path.of(f[3]));
            List<JsonNode> stamps = GroundTruthFile.readStamps(Path.of(f[2]));
            Level level = levels.computeIfAbsent(f[0] + "\t" + streams,
                    key -> new Level(f[0], streams, new ArrayList<>(), new StampErrors()));
            level.pooled().addRun(stamps, truth);
            int repeat = f.length == 6 ? Integer.parseInt(f[5]) : level.runs().size() + 1;
            level.runs().add(new Run(f[0], streams, repeat, new StampErrors().addRun(stamps, truth),
                    emitLag(Path.of(f[4]))));
        }
        return new ArrayList<>(levels.values());
    }

    /** The answer of {@code POST /debug/emit_lag/reset} that closed the run's window, in ms. */
    static Map<String, Double> emitLag(Path file) throws IOException {
        Map<String, Double> m = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return m;
        }
        JsonNode e = JSON.readTree(file.toFile());
        m.put("p50", e.path("emit_lag_p50_us").asLong() / 1000.0);
        m.put("p99", e.path("emit_lag_p99_us").asLong() / 1000.0);
        m.put("max", e.path("emit_lag_max_us").asLong() / 1000.0);
        m.put("steps", e.path("steps").asDouble());
        return m;
    }

    /**
     * Per suite variant ({@code suite}, {@code suite-ahead}: harness names starting with "suite") and stream count:
     * its pooled |TTFT error| p99 divided by each other (non-suite) harness's (≤ 1: the suite is better). The
     * magnitude, because a harness whose stamps run early (ms truncation, anchor error) has a small or negative
     * signed p99 without being accurate.
     */
    static Map<String, Map<String, Map<String, Double>>> ratios(List<Level> levels) {
        Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
        for (Level suite : levels) {
            if (!isSuite(suite.harness()) || suite.pooled().matched() == 0) {
                continue;
            }
            Map<String, Double> m = new LinkedHashMap<>();
            for (Level other : levels) {
                if (other.streams() == suite.streams() && !isSuite(other.harness()) && other.pooled().matched() > 0) {
                    m.put(other.harness(), suite.pooled().absTtftErrorP99Ms() / other.pooled().absTtftErrorP99Ms());
                }
            }
            out.computeIfAbsent(suite.harness(), h -> new LinkedHashMap<>()).put(String.valueOf(suite.streams()), m);
        }
        return out;
    }

    /**
     * The same ratio repeat by repeat (repeat r of the suite over repeat r of the other harness), so a reader sees
     * whether the pooled answer holds in every pass or rests on one; a repeat where either side matched nothing is
     * left out.
     */
    static Map<String, Map<String, Map<String, List<Double>>>> ratiosPerRepeat(List<Level> levels) {
        Map<String, Map<String, Map<String, List<Double>>>> out = new LinkedHashMap<>();
        for (Level suite : levels) {
            if (!isSuite(suite.harness())) {
                continue;
            }
            Map<String, List<Double>> m = new LinkedHashMap<>();
            for (Level other : levels) {
                if (other.streams() != suite.streams() || isSuite(other.harness())) {
                    continue;
                }
                List<Double> perRepeat = new ArrayList<>();
                for (Run s : suite.runs()) {
                    for (Run o : other.runs()) {
                        Double sp = s.errors().absTtftErrorP99Ms();
                        Double op = o.errors().absTtftErrorP99Ms();
                        if (o.repeat() == s.repeat() && sp != null && op != null) {
                            perRepeat.add(sp / op);
                        }
                    }
                }
                m.put(other.harness(), perRepeat);
            }
            out.computeIfAbsent(suite.harness(), h -> new LinkedHashMap<>()).put(String.valueOf(suite.streams()), m);
        }
        return out;
    }

    private static boolean isSuite(String harness) {
        return harness.startsWith("suite");
    }

    static String markdown(List<Level> levels, String context) {
        StringBuilder b = new StringBuilder();
        if (!context.isEmpty()) {
            b.append(context).append("\n\n");
        }
        b.append("Every figure pools a harness's repeats at that stream count; \"per repeat\" lists each repeat's own.\n\n");
        b.append("| harness | streams | repeats | matched | dispatch p50 / p99 ms | TTFT error p50 / p99 ms | first-token abs. "
                + "error p50 / p95 / p99 / max ms | first-token abs. error p99 per repeat ms | last-token abs. error "
                + "p50 / p95 / p99 / max ms | token-rate abs. error p50 / p99 % | server TTFT p99 ms | emit lag p99 per "
                + "repeat ms |\n");
        b.append("|---|---:|---:|---:|---|---|---|---|---|---|---:|---|\n");
        for (Level l : levels) {
            Map<String, Object> m = l.pooled().toMap();
            List<String> lag = new ArrayList<>();
            for (Run r : l.runs()) {
                lag.add(fmt(r.emitLagMs().get("p99")));
            }
            b.append("| ").append(l.harness()).append(" | ").append(l.streams()).append(" | ").append(l.runs().size())
                    .append(" | ").append(m.get("matched"))
                    .append(" | ").append(cells(m.get("dispatch_ms"), "p50", "p99"))
                    .append(" | ").append(cells(m.get("ttft_error_ms"), "p50", "p99"))
                    .append(" | ").append(cells(m.get("first_token_stamp_error_ms"), "p50", "p95", "p99", "max"))
                    .append(" | ").append(String.join(" / ", l.p99PerRepeat().stream().map(HarnessAccuracyMain::fmt).toList()))
                    .append(" | ").append(cells(m.get("last_token_stamp_error_ms"), "p50", "p95", "p99", "max"))
                    .append(" | ").append(cells(m.get("token_rate_error_pct"), "p50", "p99"))
                    .append(" | ").append(cells(m.get("server_ttft_ms"), "p99"))
                    .append(" | ").append(String.join(" / ", lag)).append(" |\n");
        }
        b.append("\nFirst tokens the server wrote while the batch was still arriving (up to its receipt of the last "
                + "request) against those written after:\n\n| harness | streams | burst ms (median of repeats) | in burst "
                + "| abs. error in burst p50 / p99 ms | abs. error after burst p50 / p99 ms |\n|---|---:|---:|---:|---|---|\n");
        for (Level l : levels) {
            Map<String, Object> m = l.pooled().toMap();
            b.append("| ").append(l.harness()).append(" | ").append(l.streams()).append(" | ")
                    .append(fmt((Double) m.get("burst_ms"))).append(" | ").append(m.get("first_tokens_in_burst"))
                    .append(" | ").append(cells(m.get("first_token_stamp_error_in_burst_ms"), "p50", "p99"))
                    .append(" | ").append(cells(m.get("first_token_stamp_error_after_burst_ms"), "p50", "p99"))
                    .append(" |\n");
        }
        b.append('\n');
        var perRepeat = ratiosPerRepeat(levels);
        ratios(levels).forEach((suite, byK) -> byK.forEach((k, m) -> {
            b.append("k=").append(k).append(": ").append(suite).append(" TTFT abs. error p99 / other harness's:");
            m.forEach((h, v) -> {
                List<Double> r = perRepeat.get(suite).get(k).get(h);
                b.append(' ').append(h).append(' ').append(fmt(v)).append(" (per repeat ")
                        .append(String.join(" / ", r.stream().map(HarnessAccuracyMain::fmt).toList())).append(')');
            });
            b.append('\n');
        }));
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static String cells(Object quantiles, String... keys) {
        Map<String, Double> q = (Map<String, Double>) quantiles;
        if (q == null || q.isEmpty()) {
            return "–";
        }
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            parts.add(fmt(q.get(k)));
        }
        return String.join(" / ", parts);
    }

    private static String fmt(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }
}

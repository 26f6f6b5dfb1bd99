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
 * tab-separated line per harness run: harness, streams, stamp file, ground-truth file, emit-lag file), prints
 * a Markdown table with the {@link StampErrors} figures and the server's emit lag of each run, then the
 * suite's TTFT error p99 against the other harnesses' per stream count, and writes the same as JSON.
 *
 * <p>Usage: {@code HarnessAccuracyMain <runs.tsv> <out.json> [context text]}.
 */
public final class HarnessAccuracyMain {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One harness run: its figures and the server's emit lag over the same window. */
    record Run(String harness, int streams, StampErrors errors, Map<String, Double> emitLagMs) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: HarnessAccuracyMain <runs.tsv> <out.json> [context]");
            System.exit(2);
        }
        List<Run> runs;
        try {
            runs = readRuns(Path.of(args[0]));
        } catch (BadInputException e) {
            System.err.println("gatling-llm-bench: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        String context = args.length == 3 ? args[2] : "";
        System.out.print(markdown(runs, context));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("context", context);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("harness", r.harness());
            m.put("streams", r.streams());
            m.putAll(r.errors().toMap());
            m.put("server_emit_lag_ms", r.emitLagMs());
            list.add(m);
        }
        root.put("runs", list);
        root.put("suite_ttft_error_p99_ratio", ratios(runs));
        AtomicFiles.replace(Path.of(args[1]), JSON.writeValueAsString(root) + "\n");
    }

    static List<Run> readRuns(Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new BadInputException("run list " + manifest + " does not exist");
        }
        List<Run> runs = new ArrayList<>();
        for (String line : Files.readAllLines(manifest)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 5) {
                throw new BadInputException("run list line needs 5 tab-separated fields: " + line);
            }
            if (!f[1].matches("[1-9][0-9]*")) {
                throw new BadInputException("run list line needs a stream count in its second field: " + line);
            }
            Map<String, JsonNode> truth = GroundTruthFile.read(Path.of(f[3]));
            runs.add(new Run(f[0], Integer.parseInt(f[1]), GroundTruthFile.compare(Path.of(f[2]), truth),
                    emitLag(Path.of(f[4]))));
        }
        return runs;
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
     * its |TTFT error| p99 divided by each other (non-suite) harness's (≤ 1: the suite is better). The magnitude,
     * because a harness whose stamps run early (ms truncation, anchor error) has a small or negative signed p99
     * without being accurate.
     */
    static Map<String, Map<String, Map<String, Double>>> ratios(List<Run> runs) {
        Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
        for (Run suite : runs) {
            if (!isSuite(suite) || suite.errors().matched() == 0) {
                continue;
            }
            Map<String, Double> m = new LinkedHashMap<>();
            for (Run other : runs) {
                if (other.streams() == suite.streams() && !isSuite(other) && other.errors().matched() > 0) {
                    m.put(other.harness(), suite.errors().absTtftErrorP99Ms() / other.errors().absTtftErrorP99Ms());
                }
            }
            out.computeIfAbsent(suite.harness(), h -> new LinkedHashMap<>()).put(String.valueOf(suite.streams()), m);
        }
        return out;
    }

    private static boolean isSuite(Run r) {
        return r.harness().startsWith("suite");
    }

    static String markdown(List<Run> runs, String context) {
        StringBuilder b = new StringBuilder();
        if (!context.isEmpty()) {
            b.append(context).append("\n\n");
        }
        b.append("| harness | streams | matched | dispatch p50 / p99 ms | TTFT error p50 / p99 ms | first-token abs. error "
                + "p50 / p95 / p99 / max ms | last-token abs. error p50 / p95 / p99 / max ms | token-rate abs. error p50 / p99 % "
                + "| server TTFT p99 ms | emit lag p50 / p99 / max ms |\n");
        b.append("|---|---:|---:|---|---|---|---|---|---:|---|\n");
        for (Run r : runs) {
            Map<String, Object> m = r.errors().toMap();
            b.append("| ").append(r.harness()).append(" | ").append(r.streams()).append(" | ").append(m.get("matched"))
                    .append(" | ").append(cells(m.get("dispatch_ms"), "p50", "p99"))
                    .append(" | ").append(cells(m.get("ttft_error_ms"), "p50", "p99"))
                    .append(" | ").append(cells(m.get("first_token_stamp_error_ms"), "p50", "p95", "p99", "max"))
                    .append(" | ").append(cells(m.get("last_token_stamp_error_ms"), "p50", "p95", "p99", "max"))
                    .append(" | ").append(cells(m.get("token_rate_error_pct"), "p50", "p99"))
                    .append(" | ").append(cells(m.get("server_ttft_ms"), "p99"))
                    .append(" | ").append(cells(r.emitLagMs(), "p50", "p99", "max")).append(" |\n");
        }
        b.append("\nFirst tokens the server wrote while the batch was still arriving (up to its receipt of the last "
                + "request) against those written after:\n\n| harness | streams | burst ms | in burst | abs. error in burst "
                + "p50 / p99 ms | abs. error after burst p50 / p99 ms |\n|---|---:|---:|---:|---|---|\n");
        for (Run r : runs) {
            Map<String, Object> m = r.errors().toMap();
            b.append("| ").append(r.harness()).append(" | ").append(r.streams()).append(" | ")
                    .append(fmt((Double) m.get("burst_ms"))).append(" | ").append(m.get("first_tokens_in_burst"))
                    .append(" | ").append(cells(m.get("first_token_stamp_error_in_burst_ms"), "p50", "p99"))
                    .append(" | ").append(cells(m.get("first_token_stamp_error_after_burst_ms"), "p50", "p99"))
                    .append(" |\n");
        }
        b.append('\n');
        ratios(runs).forEach((suite, byK) -> byK.forEach((k, m) -> {
            b.append("k=").append(k).append(": ").append(suite).append(" TTFT abs. error p99 / other harness's:");
            m.forEach((h, v) -> b.append(' ').append(h).append(' ').append(fmt(v)));
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

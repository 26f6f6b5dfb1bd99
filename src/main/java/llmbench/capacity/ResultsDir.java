package llmbench.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import llmbench.config.BadInputException;

/**
 * Reads the result files of a results directory that the model uses: {@code bench_batch_*.json} (needed),
 * {@code bench_single_*.json} and {@code bench_concurrent_*.json} (used when present). Partial files are
 * skipped. Only the result JSON is read: its per-request rows hold every figure the model needs (the
 * {@code _requests.jsonl} beside it has the same requests with raw timestamps).
 *
 * <p>Which requests enter the fit: successful streamed <em>chat</em> requests with a server-reported
 * prompt token count. Single's streamed completions are left out (counted in {@link Loaded#notes}): on the
 * reference server their TTFT carried 0.13–0.15 s that no step of its model explains, and Batch and
 * Concurrent, whose figures the model predicts, send chat requests only.
 *
 * <p>Repeats: a prompt sent earlier in the same file may be served from a prefix cache. Batch sends passage
 * i as request i in every run (README), so there a repeat is the same (request_idx, prompt_tokens);
 * Single repeats its prompts across cases (same prompt_tokens); Concurrent cycles its prompt list (same
 * prompt_preview and prompt_tokens) — unless the file says its prompts were salted ({@code cache.bust}), when
 * none is a repeat. Where rows carry {@code cached_prompt_tokens} (the server's own count) the model uses that
 * count instead of the repeat flag. Each file starts cold: every embedded-server run starts a fresh server.
 */
final class ResultsDir {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsDir() {
    }

    /** What was read: Batch points by k, Single and Concurrent batches, the files, and what was left out. */
    record Loaded(List<Measured.Point> points, List<Measured.Batch> others, List<Path> files, List<String> notes) {
    }

    static Loaded read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("results dir " + dir + " does not exist: run BatchSimulation first ("
                    + runHint(dir) + ")");
        }
        List<Path> batchFiles = list(dir, "bench_batch_");
        if (batchFiles.isEmpty()) {
            throw new BadInputException("no bench_batch_*.json in " + dir + ": run BatchSimulation first (" + runHint(dir) + ")");
        }
        List<String> notes = new ArrayList<>();
        List<Path> used = new ArrayList<>(batchFiles);
        Map<Integer, List<JsonNode>> perK = new TreeMap<>();
        Map<Integer, List<Measured.Batch>> batchesPerK = new TreeMap<>();
        for (Path f : batchFiles) {
            JsonNode root = parse(f);
            boolean salted = salted(root);
            Set<String> seen = new HashSet<>();
            int skipped = 0;
            for (JsonNode kNode : root.path("results")) {
                int k = kNode.path("batch_size").asInt();
                perK.computeIfAbsent(k, x -> new ArrayList<>()).add(kNode);
                for (JsonNode run : kNode.path("runs")) {
                    List<Measured.Request> reqs = new ArrayList<>();
                    for (JsonNode r : run.path("requests")) {
                        String key = r.path("request_idx").asText() + "/" + r.path("prompt_tokens").asText();
                        Measured.Request m = request(r, !seen.add(key) && !salted, r.path("dispatch_delay_s").asDouble(0));
                        if (m == null) {
                            skipped++;
                        } else {
                            reqs.add(m);
                        }
                    }
                    if (!reqs.isEmpty()) {
                        batchesPerK.computeIfAbsent(k, x -> new ArrayList<>()).add(new Measured.Batch("batch", k,
                                run.path("run_idx").asInt(), true, reqs, number(run.path("wall_clock_s"))));
                    }
                }
            }
            if (skipped > 0) {
                notes.add(f.getFileName() + ": " + skipped + " failed requests or requests without prompt_tokens left out");
            }
        }
        List<Measured.Point> points = new ArrayList<>();
        for (Map.Entry<Integer, List<JsonNode>> e : perK.entrySet()) {
            List<Measured.Batch> batches = batchesPerK.getOrDefault(e.getKey(), List.of());
            Double agg = mean(e.getValue(), "avg_aggregate_throughput_tok_s", null);
            Double ttft = mean(e.getValue(), "ttft_s", "p50");
            Double decode = mean(e.getValue(), "decode_tok_s", null);
            if (batches.isEmpty() || agg == null || ttft == null || decode == null) {
                notes.add("batch k=" + e.getKey() + ": no successful request with token counts, left out");
                continue;
            }
            Map<String, Double> figures = new java.util.LinkedHashMap<>();
            figures.put(Prediction.AGGREGATE, agg);
            figures.put(Prediction.TTFT_P50, ttft);
            figures.put(Prediction.TTFT_P95, mean(e.getValue(), "ttft_s", "p95"));
            figures.put(Prediction.DECODE, decode);
            figures.put(Prediction.LATENCY_P50, mean(e.getValue(), "latency_s", "p50"));
            figures.put(Prediction.LATENCY_P95, mean(e.getValue(), "latency_s", "p95"));
            figures.values().removeIf(java.util.Objects::isNull);
            points.add(new Measured.Point(e.getKey(), agg, ttft, decode, batches, figures));
        }
        if (points.size() < 2) {
            throw new BadInputException("the bench_batch files in " + dir + " have " + points.size()
                    + " usable batch size(s); the model needs at least two: run BatchSimulation with -Dbatch.sizes=1,2,4,8 first");
        }
        if (!list(dir, "bench_rate_").isEmpty()) {
            notes.add("bench_rate files are not read yet: open-loop (rate) points need a queueing predictor");
        }
        List<Measured.Batch> others = new ArrayList<>();
        for (Path f : list(dir, "bench_single_")) {
            used.add(f);
            readSingle(f, others, notes);
        }
        for (Path f : list(dir, "bench_concurrent_")) {
            used.add(f);
            readConcurrent(f, others);
        }
        return new Loaded(points, others, used, notes);
    }

    private static void readSingle(Path f, List<Measured.Batch> out, List<String> notes) {
        Set<String> seen = new HashSet<>();
        int completions = 0;
        int run = 0;
        JsonNode root = parse(f);
        boolean salted = salted(root);
        for (JsonNode r : root.path("results")) {
            boolean repeat = !seen.add(r.path("prompt_tokens").asText()) && !salted;
            if (r.path("test_name").asText().contains("completion")) {
                completions++;
                continue;
            }
            Measured.Request m = request(r, repeat, 0);
            if (m != null) {
                out.add(new Measured.Batch("single", 1, ++run, true, List.of(m), null));
            }
        }
        if (completions > 0) {
            notes.add(f.getFileName() + ": " + completions + " completion-route cases left out (the model fits chat requests)");
        }
    }

    private static void readConcurrent(Path f, List<Measured.Batch> out) {
        JsonNode root = parse(f);
        boolean salted = salted(root);
        for (JsonNode level : root.path("results")) {
            int n = level.path("aggregate").path("concurrency").asInt();
            Set<String> seen = new HashSet<>();
            List<Measured.Request> reqs = new ArrayList<>();
            for (JsonNode r : level.path("per_request")) {
                String key = r.path("prompt_preview").asText() + "/" + r.path("prompt_tokens").asText();
                Measured.Request m = request(r, !seen.add(key) && !salted, r.path("dispatch_delay_s").asDouble(0));
                if (m != null) {
                    reqs.add(m);
                }
            }
            if (!reqs.isEmpty()) {
                out.add(new Measured.Batch("concurrent", n, 1, false, reqs, null));
            }
        }
    }

    /** Null when the row is a failure, non-streamed, or lacks a server token count. */
    private static Measured.Request request(JsonNode r, boolean repeat, double arrivalS) {
        if (!r.path("error").isNull() && !r.path("error").isMissingNode()) {
            return null;
        }
        Double ttft = number(r.path("ttft_s"));
        Double prompt = number(r.path("prompt_tokens"));
        Double completion = number(r.path("completion_tokens"));
        if (ttft == null || prompt == null || completion == null || completion < 1) {
            return null;
        }
        Double decode = completion >= 2 ? number(r.path("decode_time_s")) : null;
        Double cached = number(r.path("cached_prompt_tokens"));
        return new Measured.Request(prompt.intValue(), completion.intValue(), arrivalS, repeat, ttft, decode,
                cached == null ? null : cached.intValue());
    }

    /**
     * The file's prompts carried a per-request salt line ({@code options."cache.bust"} = true): none repeats
     * an earlier prompt, whatever its passage and token count.
     */
    private static boolean salted(JsonNode root) {
        return "true".equals(root.path("options").path("cache.bust").asText());
    }

    private static Double mean(List<JsonNode> nodes, String field, String sub) {
        double sum = 0;
        int n = 0;
        for (JsonNode node : nodes) {
            JsonNode v = sub == null ? node.path(field) : node.path(field).path(sub);
            if (v.isNumber()) {
                sum += v.asDouble();
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    private static Double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : null;
    }

    private static List<Path> list(Path dir, String prefix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".json") && !name.endsWith("_partial.json");
            }).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(Path f) {
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static String runHint(Path dir) {
        return "mvn gatling:test -Dgatling.simulationClass=BatchSimulation -Dresults.dir=" + dir;
    }
}

package llmbench.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import llmbench.config.BadInputException;

/**
 * Reads the result files of a results directory that the model uses: {@code bench_batch_*.json} (needed),
 * {@code bench_single_*.json}, {@code bench_concurrent_*.json} and {@code bench_rate_*.json} (used when
 * present). Partial files are skipped. Batch, Single and Concurrent: only the result JSON is read, its
 * per-request rows hold every figure the model needs. A rate sweep's result has per-rate figures only, so each
 * rate's requests (send and intended send, first token, end, token counts) come from the {@code
 * _requests.jsonl} beside it; a rate file without one is left out with a note.
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

    /**
     * What was read: Batch points by k, Single and Concurrent batches, the rate sweep (null without a
     * {@code bench_rate_*.json}), the files, and what was left out.
     */
    record Loaded(List<Measured.Point> points, List<Measured.Batch> others, RateSweep rates, List<Path> files,
                  List<String> notes) {
        /** Single and Concurrent batches and, when {@code withRates}, every rate's requests: what the fit replays beside Batch. */
        List<Measured.Batch> fitted(boolean withRates) {
            List<Measured.Batch> all = new ArrayList<>(others);
            if (withRates && rates != null) {
                all.addAll(rates.batches(null));
            }
            return all;
        }
    }

    /**
     * The open rates of the directory's rate sweeps (ascending offered rate) and the schedule settings of the
     * latest file ({@code load.seed}, {@code load.warmup_fraction}, {@code load.cooldown_fraction}), which a
     * prediction at an unmeasured rate reuses.
     */
    record RateSweep(List<Measured.RatePoint> points, long seed, double warmupFraction, double cooldownFraction) {
        /** Every rate's requests as batches for the fit, leaving {@code without} out (null: none left out). */
        List<Measured.Batch> batches(Measured.RatePoint without) {
            List<Measured.Batch> out = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                if (points.get(i) != without) {
                    out.add(points.get(i).asBatch(i + 1));
                }
            }
            return out;
        }
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
        RateSweep rates = readRates(dir, used, notes);
        List<Measured.Batch> others = new ArrayList<>();
        for (Path f : list(dir, "bench_single_")) {
            used.add(f);
            readSingle(f, others, notes);
        }
        for (Path f : list(dir, "bench_concurrent_")) {
            used.add(f);
            readConcurrent(f, others);
        }
        return new Loaded(points, others, rates, used, notes);
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

    /**
     * The open rates of every {@code bench_rate_*.json} (kind {@code rate}; the sweep's synchronous and throughput
     * runs are left out) with their requests from the {@code _requests.jsonl} beside the file; null when there is
     * no rate file or none has a usable rate.
     */
    private static RateSweep readRates(Path dir, List<Path> used, List<String> notes) {
        List<Measured.RatePoint> points = new ArrayList<>();
        long seed = 0;
        double warmup = 0;
        double cooldown = 0;
        for (Path f : list(dir, "bench_rate_")) {
            JsonNode root = parse(f);
            Path lines = f.resolveSibling(f.getFileName().toString().replaceFirst("\\.json$", "_requests.jsonl"));
            if (!Files.isRegularFile(lines)) {
                notes.add(f.getFileName() + ": no " + lines.getFileName() + " beside it (the rates' send instants), left out");
                continue;
            }
            JsonNode load = root.path("load");
            seed = load.path("seed").asLong(0);
            warmup = load.path("warmup_fraction").asDouble(0);
            cooldown = load.path("cooldown_fraction").asDouble(0);
            Map<String, List<JsonNode>> byCase = new HashMap<>();
            for (JsonNode l : jsonLines(lines)) {
                // A rate's own warm-up arrivals (marked warmup, with a schedule) load the server and stay in the
                // replay; the run's warm-up request before the first rate has no intended send.
                if (l.path("intended_send_epoch_us").isNumber()) {
                    byCase.computeIfAbsent(l.path("case").asText(), x -> new ArrayList<>()).add(l);
                }
            }
            used.add(f);
            boolean salted = salted(root);
            for (JsonNode row : root.path("rates")) {
                Measured.RatePoint p = ratePoint(f, row, byCase.getOrDefault(row.path("case").asText(), List.of()),
                        salted, warmup, cooldown, notes);
                if (p != null) {
                    points.add(p);
                }
            }
        }
        if (points.isEmpty()) {
            return null;
        }
        points.sort(java.util.Comparator.comparingDouble(Measured.RatePoint::offeredRps));
        return new RateSweep(List.copyOf(points), seed, warmup, cooldown);
    }

    /**
     * One open rate, null when it is not one or has no measured successful request. Times are seconds from the
     * rate's schedule anchor (its earliest intended send); phases as {@code llmbench.load.RatePlan#phase} numbers
     * them (n = {@code requests_planned}: the first floor(warm-up · n) arrivals are warm-up, the last
     * floor(cool-down · n) cool-down); the window opens at the first measured arrival's intended send and lasts
     * the file's {@code window_s}.
     */
    private static Measured.RatePoint ratePoint(Path f, JsonNode row, List<JsonNode> lines, boolean salted,
                                                double warmup, double cooldown, List<String> notes) {
        Double offered = number(row.path("offered_rate_rps"));
        Double windowS = number(row.path("window_s"));
        if (!"rate".equals(row.path("kind").asText()) || offered == null || windowS == null || lines.isEmpty()) {
            return null;
        }
        String name = row.path("case").asText();
        int n = row.path("requests_planned").asInt();
        int firstMeasured = Math.min((int) Math.floor(warmup * n), n - 1);
        int firstCool = n - (int) Math.floor(cooldown * n);
        long anchor = lines.stream().mapToLong(l -> l.path("intended_send_epoch_us").asLong()).min().getAsLong();
        List<JsonNode> ordered = lines.stream().sorted(java.util.Comparator.comparingLong(
                l -> l.path("intended_send_epoch_us").asLong())).toList();
        double from = Double.POSITIVE_INFINITY;
        List<Measured.RateRequest> reqs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int failed = 0;
        double decodeSum = 0;
        int decodeCount = 0;
        for (JsonNode l : ordered) {
            int idx = l.path("request_idx").asInt();
            double intended = (l.path("intended_send_epoch_us").asLong() - anchor) / 1e6;
            if (idx >= firstMeasured) {
                from = Math.min(from, intended);
            }
            boolean repeat = !seen.add(l.path("prompt_tokens").asText()) && !salted;
            Measured.Request m = lineRequest(l, anchor, repeat);
            if (m == null) {
                failed++;
                continue;
            }
            boolean measured = idx >= firstMeasured && idx < firstCool;
            reqs.add(new Measured.RateRequest(m, intended, measured));
            if (measured && m.decodeS() != null && m.decodeS() > 0) {
                decodeSum += m.completionTokens() / m.decodeS();
                decodeCount++;
            }
        }
        if (failed > 0) {
            notes.add(f.getFileName() + " " + name + ": " + failed + " failed requests or requests without token counts "
                    + "left out of the replay");
        }
        if (reqs.stream().noneMatch(Measured.RateRequest::measured)) {
            notes.add(f.getFileName() + " " + name + ": no measured successful request, left out");
            return null;
        }
        Map<String, Double> figures = new java.util.LinkedHashMap<>();
        figures.put(Prediction.AGGREGATE, number(row.path("total_tok_s")));
        figures.put(Prediction.TTFT_P50, number(row.path("ttft_p50_s")));
        figures.put(Prediction.TTFT_P95, number(row.path("ttft_p95_s")));
        figures.put(Prediction.DECODE, decodeCount == 0 ? null : decodeSum / decodeCount);
        figures.put(Prediction.LATENCY_P50, number(row.path("e2e_p50_s")));
        figures.put(Prediction.LATENCY_P95, number(row.path("e2e_p95_s")));
        figures.values().removeIf(java.util.Objects::isNull);
        return new Measured.RatePoint(offered, name, n, List.copyOf(reqs), from, windowS, figures);
    }

    /** A requests-file line as a request timed from {@code anchorUs}; null when it failed or lacks token counts. */
    private static Measured.Request lineRequest(JsonNode l, long anchorUs, boolean repeat) {
        if (!l.path("error").isNull() && !l.path("error").isMissingNode()) {
            return null;
        }
        Double prompt = number(l.path("prompt_tokens"));
        Double completion = number(l.path("completion_tokens"));
        JsonNode send = l.path("send_epoch_us");
        JsonNode first = l.path("first_token_epoch_us");
        JsonNode end = l.path("end_epoch_us");
        if (prompt == null || completion == null || completion < 1 || !send.isNumber() || !first.isNumber() || !end.isNumber()) {
            return null;
        }
        Double decode = completion >= 2 ? (end.asLong() - first.asLong()) / 1e6 : null;
        Double cached = number(l.path("cached_prompt_tokens"));
        return new Measured.Request(prompt.intValue(), completion.intValue(), (send.asLong() - anchorUs) / 1e6, repeat,
                (first.asLong() - send.asLong()) / 1e6, decode, cached == null ? null : cached.intValue());
    }

    private static List<JsonNode> jsonLines(Path f) {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<String> s = Files.lines(f)) {
            for (String line : (Iterable<String>) s::iterator) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read " + f + ": " + e.getMessage(), e);
        }
        return out;
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

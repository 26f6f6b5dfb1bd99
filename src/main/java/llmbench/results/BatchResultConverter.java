package llmbench.results;

import static llmbench.results.ResultJson.round;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import llmbench.load.BatchCase;
import llmbench.metrics.FiveMetrics;
import llmbench.metrics.LatencyDistribution;
import llmbench.metrics.NearestRank;
import llmbench.metrics.ScalingAnswers;
import llmbench.timing.RequestRecord;

/**
 * Maps BatchSimulation's request records to {@code bench_batch_*.json}: the seed's bench_batch.py layout
 * (its spec §5.2: per batch size, runs with their requests, the seed's averages, p95 and speedup) so the
 * seed's extract_results reads it, plus per k the five metrics, HDR percentiles, aggregate prefill and decode
 * rates, token-count sources, and the plan's three scaling answers.
 *
 * <p>Per run: wall_clock_s = last request handed over − first request sent;
 * aggregate_throughput_tok_s = (Σ prompt + Σ completion of successful requests) / wall_clock_s;
 * aggregate_prefill_tok_s = Σ prompt / (last first token − first send);
 * aggregate_decode_tok_s = Σ completion / (last end − first first-token).
 */
public final class BatchResultConverter {
    private final double saturationGain;
    private final int runsPerBatchSize;

    public BatchResultConverter(double saturationGain, int runsPerBatchSize) {
        this.saturationGain = saturationGain;
        this.runsPerBatchSize = runsPerBatchSize;
    }

    public ObjectNode convert(List<RequestRecord> all, RunInfo info, boolean partial, ZonedDateTime now) {
        ObjectNode root = ResultJson.header(partial ? "bench_batch" : "batch_inference", info, partial, now);
        List<RequestRecord> measured = all.stream().filter(r -> !r.labels().warmup()).toList();
        Map<Integer, List<RequestRecord>> byK = measured.stream()
                .collect(Collectors.groupingBy(r -> BatchCase.k(r.labels().caseName()), TreeMap::new,
                        Collectors.toList()));

        root.put("runs_per_batch_size", runsPerBatchSize);
        ArrayNode results = root.putArray("results");
        List<ScalingAnswers.Point> points = new ArrayList<>();
        Double firstThroughput = null;
        List<Integer> avgPromptPerK = new ArrayList<>();
        for (Map.Entry<Integer, List<RequestRecord>> e : byK.entrySet()) {
            ObjectNode entry = batchEntry(e.getKey(), e.getValue());
            double throughput = entry.path("avg_aggregate_throughput_tok_s").asDouble();
            if (firstThroughput == null) {
                firstThroughput = throughput;
            }
            entry.put("speedup_vs_k1", firstThroughput > 0 ? round(throughput / firstThroughput, 2) : null);
            if (entry.path("avg_prompt_tokens").asInt() > 0) {
                avgPromptPerK.add(entry.path("avg_prompt_tokens").asInt());
            }
            if (!entry.path("avg_per_request_latency_s").isNull()) {
                points.add(new ScalingAnswers.Point(e.getKey(), throughput,
                        entry.path("avg_per_request_latency_s").asDouble()));
            }
            results.add(entry);
        }
        root.put("prompt_tokens_avg", avgPromptPerK.isEmpty() ? 0
                : (int) avgPromptPerK.stream().mapToInt(Integer::intValue).average().orElse(0));
        ResultCounts.put(root, all, measured);
        root.set("scaling", scaling(ScalingAnswers.of(points, saturationGain)));
        return root;
    }

    private ObjectNode batchEntry(int k, List<RequestRecord> records) {
        ObjectNode entry = RecordJson.JSON.createObjectNode();
        entry.put("batch_size", k);
        ArrayNode runs = entry.putArray("runs");
        Map<Integer, List<RequestRecord>> byRun = records.stream()
                .collect(Collectors.groupingBy(r -> r.labels().run(), TreeMap::new, Collectors.toList()));
        List<Double> runThroughputs = new ArrayList<>();
        List<Double> prefillRates = new ArrayList<>();
        List<Double> decodeRates = new ArrayList<>();
        double dispatchSpread = 0;
        for (Map.Entry<Integer, List<RequestRecord>> run : byRun.entrySet()) {
            ObjectNode runNode = runEntry(run.getKey(), run.getValue());
            runs.add(runNode);
            runThroughputs.add(runNode.path("aggregate_throughput_tok_s").asDouble());
            addIfPresent(prefillRates, runNode, "aggregate_prefill_tok_s");
            addIfPresent(decodeRates, runNode, "aggregate_decode_tok_s");
            dispatchSpread = Math.max(dispatchSpread, runNode.path("dispatch_spread_s").asDouble());
        }
        List<RequestRecord> ok = records.stream().filter(RequestRecord::succeeded).toList();
        List<FiveMetrics> metrics = ok.stream().map(FiveMetrics::of).toList();
        double[] latencies = metrics.stream().mapToDouble(FiveMetrics::totalTimeS).toArray();

        entry.put("avg_aggregate_throughput_tok_s", round(mean(runThroughputs), 2));
        entry.put("avg_per_request_latency_s", latencies.length == 0 ? null : round(mean(latencies), 4));
        entry.put("p95_per_request_latency_s", round(NearestRank.of(latencies, 0.95), 4));
        entry.put("avg_prompt_tokens", (int) Math.round(ok.stream().filter(r -> r.promptTokens() != null
                && r.promptTokens() > 0).mapToInt(RequestRecord::promptTokens).average().orElse(0)));
        if (!metrics.isEmpty()) {
            ResultJson.putFive(entry,
                    mean(metrics.stream().mapToDouble(FiveMetrics::prefillTimeS).toArray()),
                    meanOfPresent(metrics.stream().map(FiveMetrics::prefillTokS).toList()),
                    mean(metrics.stream().mapToDouble(FiveMetrics::decodeTimeS).toArray()),
                    mean(metrics.stream().mapToDouble(FiveMetrics::decodeTokS).toArray()),
                    meanOfPresent(metrics.stream().map(FiveMetrics::throughputTokS).toList()));
        }
        entry.put("aggregate_prefill_tok_s", round(prefillRates.isEmpty() ? null : mean(prefillRates), 1));
        entry.put("aggregate_decode_tok_s", round(decodeRates.isEmpty() ? null : mean(decodeRates), 2));
        LatencyDistribution ttft = new LatencyDistribution();
        LatencyDistribution latency = new LatencyDistribution();
        for (RequestRecord r : ok) {
            ttft.recordMicros(r.firstTokenUs() - r.sendUs());
            latency.recordMicros(r.endUs() - r.sendUs());
        }
        entry.set("ttft_s", ResultJson.distribution(ttft));
        entry.set("latency_s", ResultJson.distribution(latency));
        entry.put("successful", ok.size());
        entry.put("errors", records.size() - ok.size());
        ObjectNode tokens = entry.putObject("token_counts");
        tokens.put("source_usage", ok.stream().filter(r -> "usage".equals(r.tokenSource())).count());
        tokens.put("source_chunks", ok.stream().filter(r -> "chunks".equals(r.tokenSource())).count());
        tokens.put("usage_vs_chunks_mismatches", ok.stream().filter(RequestRecord::usageDisagreesWithChunks).count());
        entry.put("dispatch_spread_s", round(dispatchSpread, 4));
        return entry;
    }

    private ObjectNode runEntry(int runIdx, List<RequestRecord> records) {
        List<RequestRecord> sorted = records.stream()
                .sorted(Comparator.comparingInt(r -> r.labels().requestIdx())).toList();
        long firstSend = sorted.stream().mapToLong(RequestRecord::sendUs).min().orElse(0);
        long lastSend = sorted.stream().mapToLong(RequestRecord::sendUs).max().orElse(0);
        long lastClosed = sorted.stream().mapToLong(RequestRecord::closedUs).max().orElse(firstSend);
        List<RequestRecord> ok = sorted.stream().filter(RequestRecord::succeeded).toList();
        long prompt = ok.stream().filter(r -> r.promptTokens() != null).mapToLong(RequestRecord::promptTokens).sum();
        long completion = ok.stream().mapToLong(RequestRecord::completionTokens).sum();
        double wall = (lastClosed - firstSend) / 1e6;

        ObjectNode run = RecordJson.JSON.createObjectNode();
        run.put("run_idx", runIdx);
        run.put("wall_clock_s", round(wall, 4));
        run.put("aggregate_throughput_tok_s", round(wall > 0 ? (prompt + completion) / wall : 0.0, 2));
        run.put("total_prompt_tokens", prompt);
        run.put("total_completion_tokens", completion);
        run.put("successful", ok.size());
        run.put("errors", sorted.size() - ok.size());
        if (!ok.isEmpty()) {
            long lastFirstToken = ok.stream().mapToLong(RequestRecord::firstTokenUs).max().orElseThrow();
            long firstFirstToken = ok.stream().mapToLong(RequestRecord::firstTokenUs).min().orElseThrow();
            long lastEnd = ok.stream().mapToLong(RequestRecord::endUs).max().orElseThrow();
            run.put("aggregate_prefill_tok_s", round(rate(prompt, lastFirstToken - firstSend), 1));
            run.put("aggregate_decode_tok_s", round(rate(completion, lastEnd - firstFirstToken), 2));
        }
        run.put("dispatch_spread_s", round((lastSend - firstSend) / 1e6, 4));
        ArrayNode requests = run.putArray("requests");
        for (RequestRecord r : sorted) {
            ObjectNode o = requests.addObject();
            o.put("request_idx", r.labels().requestIdx());
            if (r.succeeded()) {
                ResultJson.putRequestMetrics(o, r, FiveMetrics.of(r));
            } else {
                o.put("error", r.error());
                o.put("total_time_s", round((r.closedUs() - r.sendUs()) / 1e6, 4));
                o.put("http_status", r.httpStatus());
            }
            o.put("dispatch_delay_s", round((r.sendUs() - firstSend) / 1e6, 4));
        }
        return run;
    }

    private ObjectNode scaling(ScalingAnswers a) {
        ObjectNode o = RecordJson.JSON.createObjectNode();
        o.put("throughput_rises_with_k", a.throughputRises());
        o.put("saturation_k", a.saturationK());
        o.put("saturation_gain_threshold", a.gainThreshold());
        o.put("latency_cost_per_added_request_s", round(a.latencyCostPerRequestS(), 4));
        ArrayNode steps = o.putArray("steps");
        for (ScalingAnswers.Step s : a.steps()) {
            ObjectNode st = steps.addObject();
            st.put("from_k", s.fromK());
            st.put("to_k", s.toK());
            st.put("throughput_gain", round(s.throughputGain(), 4));
            st.put("latency_cost_per_added_request_s", round(s.latencyCostPerRequestS(), 4));
        }
        return o;
    }

    private static Double rate(long tokens, long micros) {
        return tokens > 0 && micros > 0 ? tokens / (micros / 1e6) : null;
    }

    private static void addIfPresent(List<Double> into, ObjectNode node, String field) {
        if (node.hasNonNull(field)) {
            into.add(node.get(field).asDouble());
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return values.length == 0 ? 0 : s / values.length;
    }

    private static Double meanOfPresent(List<Double> values) {
        List<Double> present = values.stream().filter(v -> v != null).toList();
        return present.isEmpty() ? null : mean(present);
    }
}

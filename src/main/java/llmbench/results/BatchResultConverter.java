package llmbench.results;

import static llmbench.metrics.Rounding.round;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import llmbench.load.BatchCase;
import llmbench.metrics.BatchSizeFigures;
import llmbench.metrics.FiveMetrics;
import llmbench.metrics.Rates;
import llmbench.metrics.Interval95;
import llmbench.metrics.PrefillFromCache;
import llmbench.metrics.ScalingAnswers;
import llmbench.metrics.WallClockRates;
import llmbench.timing.RequestRecord;

/**
 * Maps BatchSimulation's request records to {@code bench_batch_*.json}: the seed's bench_batch.py layout
 * (its spec §5.2: per batch size, runs with their requests, the seed's averages, p95 and speedup) so the
 * seed's extract_results reads it, plus per k the five metrics, HDR percentiles, aggregate prefill and decode
 * rates, token-count sources, and the plan's three scaling answers. Every figure comes from
 * {@code llmbench.metrics}: a run's from {@link WallClockRates}, a batch size's from {@link BatchSizeFigures},
 * the answers from {@link ScalingAnswers}; this class names and places them.
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
        List<BatchSizeFigures> sizes = new ArrayList<>();
        Double firstThroughput = null;
        for (Map.Entry<Integer, List<RequestRecord>> e : byK.entrySet()) {
            Map<Integer, List<RequestRecord>> byRun = e.getValue().stream()
                    .sorted(Comparator.comparingInt(r -> r.labels().requestIdx()))
                    .collect(Collectors.groupingBy(r -> r.labels().run(), TreeMap::new, Collectors.toList()));
            List<Integer> runIdx = List.copyOf(byRun.keySet());
            BatchSizeFigures f = BatchSizeFigures.of(List.copyOf(byRun.values()));
            sizes.add(f);
            // speedup and the scaling answers take the figures as the file has them, as the seed's speedup does
            Double throughput = round(f.avgThroughputTokS(), 2);
            if (firstThroughput == null) {
                firstThroughput = throughput;
            }
            ObjectNode entry = batchEntry(e.getKey(), e.getValue(), f);
            ArrayNode runs = (ArrayNode) entry.get("runs");
            for (int i = 0; i < runIdx.size(); i++) {
                runs.add(runEntry(runIdx.get(i), byRun.get(runIdx.get(i)), f.runs().get(i)));
            }
            entry.put("speedup_vs_k1", round(Rates.ratio(throughput, firstThroughput), 2));
            // the runs' throughputs as the file has them, so a reader of the file gets the same intervals
            double[] runThroughputs = f.runs().stream().mapToDouble(w -> round(w.throughputTokS(), 2)).toArray();
            putInterval(entry, "aggregate_throughput_ci95_tok_s", Interval95.mean(runThroughputs), 2);
            if (f.avgLatencyS() != null) {
                points.add(new ScalingAnswers.Point(e.getKey(), throughput == null ? 0 : throughput,
                        round(f.avgLatencyS(), 4), runThroughputs));
            }
            results.add(entry);
        }
        root.put("prompt_tokens_avg", BatchSizeFigures.promptTokensAvg(sizes));
        ResultCounts.put(root, all, measured);
        root.set("scaling", scaling(ScalingAnswers.of(points, saturationGain)));
        return root;
    }

    /** The batch size's entry, its {@code runs} array in place but empty (the caller fills it). */
    private ObjectNode batchEntry(int k, List<RequestRecord> records, BatchSizeFigures f) {
        ObjectNode entry = RecordJson.JSON.createObjectNode();
        entry.put("batch_size", k);
        entry.putArray("runs");
        List<RequestRecord> ok = records.stream().filter(RequestRecord::succeeded).toList();
        entry.put("avg_aggregate_throughput_tok_s", round(f.avgThroughputTokS(), 2));
        entry.put("avg_per_request_latency_s", round(f.avgLatencyS(), 4));
        entry.put("p95_per_request_latency_s", round(f.p95LatencyS(), 4));
        entry.put("avg_prompt_tokens", f.avgPromptTokens());
        ResultJson.putFiveMeans(entry, f.metrics());
        entry.put("aggregate_prefill_tok_s", round(f.aggregatePrefillTokS(), 1));
        entry.put("aggregate_decode_tok_s", round(f.aggregateDecodeTokS(), 2));
        ResultJson.putDistributions(entry, ok);
        entry.put("successful", ok.size());
        entry.put("errors", records.size() - ok.size());
        ObjectNode tokens = entry.putObject("token_counts");
        tokens.put("source_usage", ok.stream().filter(r -> "usage".equals(r.tokenSource())).count());
        tokens.put("source_chunks", ok.stream().filter(r -> "chunks".equals(r.tokenSource())).count());
        tokens.put("usage_vs_chunks_mismatches", ok.stream().filter(RequestRecord::usageDisagreesWithChunks).count());
        entry.put("served_from_cache", PrefillFromCache.servedFromCache(ok));
        entry.put("dispatch_spread_s", round(f.dispatchSpreadS(), 4));
        return entry;
    }

    /** @param sorted the run's requests by request index */
    private ObjectNode runEntry(int runIdx, List<RequestRecord> sorted, WallClockRates w) {
        ObjectNode run = RecordJson.JSON.createObjectNode();
        run.put("run_idx", runIdx);
        run.put("wall_clock_s", round(w.wallClockS(), 4));
        run.put("aggregate_throughput_tok_s", round(w.throughputTokS(), 2));
        run.put("total_prompt_tokens", w.promptTokens());
        run.put("total_completion_tokens", w.completionTokens());
        run.put("successful", w.successful());
        run.put("errors", w.failed());
        if (w.successful() > 0) {
            run.put("aggregate_prefill_tok_s", round(w.prefillTokS(), 1));
            run.put("aggregate_decode_tok_s", round(w.decodeTokS(), 2));
        }
        run.put("dispatch_spread_s", round(w.dispatchSpreadS(), 4));
        ArrayNode requests = run.putArray("requests");
        for (RequestRecord r : sorted) {
            ObjectNode o = requests.addObject();
            o.put("request_idx", r.labels().requestIdx());
            if (r.succeeded()) {
                ResultJson.putRequestMetrics(o, r, FiveMetrics.of(r));
            } else {
                o.put("error", r.error());
                o.put("total_time_s", round(Rates.seconds(r.closedUs() - r.sendUs()), 4));
                o.put("http_status", r.httpStatus());
                o.put("unparsable_events", r.unparsableEvents());
            }
            o.put("dispatch_delay_s", round(Rates.seconds(r.sendUs() - w.firstSendUs()), 4));
        }
        return run;
    }

    private ObjectNode scaling(ScalingAnswers a) {
        ObjectNode o = RecordJson.JSON.createObjectNode();
        o.put("throughput_rises_with_k", switch (a.throughputRises()) {
            case YES -> Boolean.TRUE;
            case NO -> Boolean.FALSE;
            case INCONCLUSIVE -> null;
        });
        o.put("throughput_rises_with_k_verdict", verdict(a.throughputRises()));
        double trend = a.throughputTrend().estimate();
        o.put("throughput_trend_tok_s_per_k", Double.isNaN(trend) ? null : round(trend, 2));
        putInterval(o, "throughput_trend_ci95_tok_s_per_k", a.throughputTrend(), 2);
        o.put("saturation_k", a.saturationK());
        o.put("saturation_verdict", a.saturation().name().toLowerCase(Locale.ROOT));
        o.put("saturation_k_from_means", a.saturationKFromMeans());
        o.put("saturation_gain_threshold", a.gainThreshold());
        o.put("confidence", 0.95);
        o.put("latency_cost_per_added_request_s", round(a.latencyCostPerRequestS(), 4));
        ArrayNode steps = o.putArray("steps");
        for (ScalingAnswers.Step s : a.steps()) {
            ObjectNode st = steps.addObject();
            st.put("from_k", s.fromK());
            st.put("to_k", s.toK());
            st.put("throughput_gain", round(s.throughputGain(), 4));
            putInterval(st, "beyond_threshold_ci95_tok_s", s.beyondThreshold(), 2);
            st.put("gain_below_threshold", verdict(s.belowThreshold()));
            st.put("latency_cost_per_added_request_s", round(s.latencyCostPerRequestS(), 4));
        }
        return o;
    }

    private static String verdict(Interval95.Sign s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    /** {@code [low, high]}, or null when the interval cannot be computed (one run). */
    private static void putInterval(ObjectNode o, String field, Interval95 i, int digits) {
        if (i.low() == null) {
            o.putNull(field);
            return;
        }
        ArrayNode a = o.putArray(field);
        a.add(round(i.low(), digits));
        a.add(round(i.high(), digits));
    }

    /** A figure as the node has it (rounded), null when absent or null. */
    private static Double number(ObjectNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asDouble() : null;
    }
}

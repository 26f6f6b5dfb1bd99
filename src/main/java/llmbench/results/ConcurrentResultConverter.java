package llmbench.results;

import static llmbench.metrics.Rounding.round;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import llmbench.counters.CounterReader;
import llmbench.counters.SnapshotBook;
import llmbench.load.ConcurrencyPlan;
import llmbench.metrics.ConcurrencyAggregate;
import llmbench.metrics.FiveMetrics;
import llmbench.metrics.PrefillFromCache;
import llmbench.metrics.Rates;
import llmbench.metrics.WallClockRates;
import llmbench.timing.RequestRecord;

/**
 * Maps ConcurrentSimulation's records to {@code bench_concurrent_*.json}: per level the seed's
 * bench_concurrent.py entry ({@code aggregate}, {@code per_request}, {@code health_before/after}; spec §5.3)
 * plus the five metrics (means), HdrHistogram percentiles and the level's sending plan.
 *
 * <p>aggregate (seed rules): batch_time_s = last request handed over − first send; aggregate_tok_s =
 * Σ completion / batch_time_s (completion tokens only); ttft_p50 / latency_p50 = median; p95 / p99 =
 * sorted[int(q·n)] ({@link ConcurrencyAggregate}); per_request_tok_s_mean = mean generation_tok_s of successes;
 * count_429 / count_503 from the HTTP status of failed requests, which for a streamed request is known only
 * when Gatling named it ({@code count_status_unknown} counts the others).
 */
public final class ConcurrentResultConverter {
    private final ConcurrencyPlan plan;
    private final List<Integer> levels;
    private final IntFunction<String> promptOf;
    private final SnapshotBook counters;

    public ConcurrentResultConverter(ConcurrencyPlan plan, List<Integer> levels, IntFunction<String> promptOf,
                                     SnapshotBook counters) {
        this.plan = plan;
        this.levels = levels;
        this.promptOf = promptOf;
        this.counters = counters;
    }

    public ObjectNode convert(List<RequestRecord> all, RunInfo info, boolean partial, ZonedDateTime now) {
        ObjectNode root = ResultJson.header("bench_concurrent", info, partial, now);
        ArrayNode levelsNode = root.putArray("concurrency_levels");
        levels.forEach(levelsNode::add);
        List<RequestRecord> measured = all.stream().filter(r -> !r.labels().warmup()).toList();
        Map<Integer, List<RequestRecord>> byLevel = measured.stream().collect(Collectors.groupingBy(
                r -> ConcurrencyPlan.level(r.labels().caseName()), TreeMap::new, Collectors.toList()));
        ArrayNode results = root.putArray("results");
        for (int level : levels) {
            List<RequestRecord> records = byLevel.get(level);
            if (records != null) {
                results.add(levelEntry(level, records));
            }
        }
        ResultCounts.put(root, all, measured);
        return root;
    }

    private ObjectNode levelEntry(int level, List<RequestRecord> records) {
        List<RequestRecord> sorted = records.stream()
                .sorted(Comparator.comparingInt(r -> r.labels().requestIdx())).toList();
        ConcurrencyAggregate a = ConcurrencyAggregate.of(sorted);
        WallClockRates w = a.wall();
        List<RequestRecord> failed = sorted.stream().filter(r -> !r.succeeded()).toList();

        ObjectNode entry = RecordJson.JSON.createObjectNode();
        ObjectNode agg = entry.putObject("aggregate");
        agg.put("concurrency", level);
        agg.put("batch_time_s", round(w.wallClockS(), 4));
        agg.put("successful", w.successful());
        agg.put("errors", w.failed());
        agg.put("count_429", failed.stream().filter(r -> Objects.equals(r.httpStatus(), 429)).count());
        agg.put("count_503", failed.stream().filter(r -> Objects.equals(r.httpStatus(), 503)).count());
        agg.put("count_status_unknown", failed.stream().filter(r -> r.httpStatus() == null).count());
        agg.put("total_completion_tokens", w.completionTokens());
        agg.put("aggregate_tok_s", round(w.completionTokS(), 2));
        if (a.ttftP50() != null) {
            agg.put("ttft_p50", round(a.ttftP50(), 4));
            agg.put("ttft_p95", round(a.ttftP95(), 4));
            agg.put("ttft_mean", round(a.ttftMean(), 4));
            agg.put("latency_p50", round(a.latencyP50(), 4));
            agg.put("latency_p95", round(a.latencyP95(), 4));
            agg.put("latency_p99", round(a.latencyP99(), 4));
            agg.put("per_request_tok_s_mean", round(a.perRequestTokSMean(), 2));
        }
        ResultJson.putFiveMeans(agg, FiveMetrics.ofSuccessfulStreams(sorted));
        agg.put("requests_planned", plan.requestsAt(level));
        agg.put("served_from_cache", PrefillFromCache.servedFromCache(sorted));

        ArrayNode perRequest = entry.putArray("per_request");
        for (RequestRecord r : sorted) {
            ObjectNode row = perRequest.addObject();
            row.put("request_idx", r.labels().requestIdx());
            String prompt = promptOf.apply(r.labels().requestIdx());
            row.put("prompt_preview", prompt.length() > 50 ? prompt.substring(0, 50) : prompt);
            row.setAll(RequestRows.row(r));
            row.put("dispatch_delay_s", round(Rates.seconds(r.sendUs() - w.firstSendUs()), 4));
        }
        String name = ConcurrencyPlan.caseName(level);
        ResultJson.putSnapshot(entry, "health_before", counters.get(name + " before", CounterReader.HEALTH));
        ResultJson.putSnapshot(entry, "health_after", counters.get(name + " after", CounterReader.HEALTH));
        ResultJson.putDistributions(entry, sorted);
        return entry;
    }
}

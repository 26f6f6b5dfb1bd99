package llmbench.results;

import static llmbench.metrics.Rounding.round;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.List;
import llmbench.counters.CounterReader;
import llmbench.counters.Snapshot;
import llmbench.counters.SnapshotBook;
import llmbench.load.CachePlan;
import llmbench.load.CaseSequence;
import llmbench.metrics.CacheDeltas;
import llmbench.timing.RequestRecord;

/**
 * Maps CacheSimulation's records to {@code bench_cache_*.json} (the seed's bench_cache.py, spec §5.4): one row
 * per case with {@code cache_health_before/after}, plus per case the cache counter deltas, hit rate and cached
 * token share ({@link CacheDeltas}), a final {@code cache_stats} row with the last /health, and a
 * {@code cache_summary} with the warm/cold TTFT ratio. Counters the server does not report are null with a note.
 */
public final class CacheResultConverter {
    private final List<CaseSequence.Case> cases;
    private final SnapshotBook counters;
    private final String salt;

    public CacheResultConverter(List<CaseSequence.Case> cases, SnapshotBook counters, String salt) {
        this.cases = cases;
        this.counters = counters;
        this.salt = salt;
    }

    public ObjectNode convert(List<RequestRecord> all, RunInfo info, boolean partial, ZonedDateTime now) {
        ObjectNode root = ResultJson.header("bench_cache", info, partial, now);
        root.set("health_initial", info.healthBefore());
        root.put("salt", salt);
        List<CaseRows.Sent> sent = CaseRows.rows(cases, all, "test_name");
        Double cold = null;
        Double warm = null;
        boolean countersReported = false;
        for (CaseRows.Sent s : sent) {
            CaseRows.putCounters(s, counters, CounterReader.HEALTH, "cache_health");
            Snapshot before = counters.get(s.c().name() + " before", CounterReader.HEALTH);
            Snapshot after = counters.get(s.c().name() + " after", CounterReader.HEALTH);
            CacheDeltas d = CacheDeltas.between(Snapshot.json(before), Snapshot.json(after));
            ObjectNode c = s.row().putObject("cache_delta");
            c.put("cache_hits_block", d.hitsBlock());
            c.put("cache_hits_sequence", d.hitsSequence());
            c.put("cache_misses", d.misses());
            c.put("total_cached_tokens", d.cachedTokens());
            c.put("total_prefill_tokens", d.prefillTokens());
            c.put("hit_rate", round(d.hitRate(), 4));
            c.put("cached_token_share", round(d.cachedTokenShare(), 4));
            if (d.misses() == null) {
                c.put("note", "not reported: /health has no cache_stats hit/miss counters");
            } else {
                countersReported = true;
            }
            Double ttft = s.row().path("ttft_s").isNumber() ? Double.valueOf(s.row().path("ttft_s").asDouble()) : null;
            if (CachePlan.COLD.equals(s.c().name())) {
                cold = ttft;
            } else if (CachePlan.WARM.equals(s.c().name())) {
                warm = ttft;
            }
        }
        var results = CaseRows.array(root, sent);
        if (!partial) {
            ObjectNode stats = results.addObject();
            stats.put("test_name", "cache_stats");
            stats.set("health", info.healthAfter());
        }
        ObjectNode summary = root.putObject("cache_summary");
        summary.put("cold_ttft_s", cold);
        summary.put("warm_ttft_s", warm);
        Double ratio = CacheDeltas.ttftRatio(warm, cold);
        summary.put("warm_cold_ttft_ratio", round(ratio, 4));
        summary.put("warm_below_half_of_cold", ratio == null ? null : ratio < 0.5);
        summary.put("cache_counters_reported", countersReported);
        List<RequestRecord> measured = all.stream().filter(r -> !r.labels().warmup()).toList();
        ResultCounts.put(root, all, measured);
        ResultJson.putItlDistribution(root, measured);
        return root;
    }
}

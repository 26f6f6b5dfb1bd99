package llmbench.metrics;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A prefix cache's behaviour over one request, from the seed's {@code /health cache_stats} counters read
 * before and after it (counter deltas, so earlier traffic does not count):
 * <pre>
 *   hit_rate            = (Δcache_hits_block + Δcache_hits_sequence) / (Δhits_block + Δhits_sequence + Δcache_misses)
 *   cached_token_share  = Δtotal_cached_tokens / (Δtotal_cached_tokens + Δtotal_prefill_tokens)
 * </pre>
 * The seed's own {@code cache_hit_rate} and {@code cache_effectiveness} are the same ratios since server start.
 * A ratio is null when the server does not report its inputs or nothing was counted (zero denominator; {@link Rates#ratio}).
 */
public record CacheDeltas(Double hitsBlock, Double hitsSequence, Double misses, Double cachedTokens,
                          Double prefillTokens) {

    /** The deltas between two readings of {@code /health} (either may be null: not read). */
    public static CacheDeltas between(JsonNode before, JsonNode after) {
        return new CacheDeltas(CounterDelta.of(before, after, "cache_stats.cache_hits_block"),
                CounterDelta.of(before, after, "cache_stats.cache_hits_sequence"),
                CounterDelta.of(before, after, "cache_stats.cache_misses"),
                CounterDelta.of(before, after, "cache_stats.total_cached_tokens"),
                CounterDelta.of(before, after, "cache_stats.total_prefill_tokens"));
    }

    public Double hitRate() {
        if (misses == null || hitsBlock == null && hitsSequence == null) {
            return null;
        }
        double hits = (hitsBlock == null ? 0 : hitsBlock) + (hitsSequence == null ? 0 : hitsSequence);
        return Rates.ratio(hits, hits + misses);
    }

    public Double cachedTokenShare() {
        if (cachedTokens == null || prefillTokens == null) {
            return null;
        }
        return Rates.ratio(cachedTokens, cachedTokens + prefillTokens);
    }

    /** warm TTFT / cold TTFT; the plan's success criterion is a ratio below 0.5. */
    public static Double ttftRatio(Double warm, Double cold) {
        return Rates.ratio(warm, cold);
    }
}

package llmbench.metrics;

import java.util.List;

/**
 * A group's pooled decode rate (bench_ngram's per-category {@code decode_tok_s}, ours):
 * Σcompletion_tokens / Σdecode_time_s over its successful requests; null when no decode time was measured
 * ({@link Rates#ratio}). Unlike a mean of per-request rates, a long reply weighs more than a short one.
 */
public record PooledDecode(long completionTokens, double decodeTimeS, Double decodeTokS) {

    public static PooledDecode of(List<FiveMetrics> group) {
        long completion = group.stream().mapToLong(FiveMetrics::completionTokens).sum();
        double decode = group.stream().mapToDouble(FiveMetrics::decodeTimeS).sum();
        return new PooledDecode(completion, decode, Rates.ratio(completion, decode));
    }
}

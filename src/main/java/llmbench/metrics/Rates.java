package llmbench.metrics;

/**
 * Every rate and ratio the suite computes, with its one rule for a zero or missing denominator:
 * <ul>
 *   <li>a <b>seed rate</b> ({@link #seed}) — a tokens-per-second figure in one of the seed's fields: the five
 *       metrics, {@code generation_tok_s}, {@code aggregate_throughput_tok_s}, {@code aggregate_tok_s} — is 0.0
 *       when its numerator or its denominator is not positive, as the seed's scripts write it
 *       ({@code round(tokens / seconds, n) if tokens > 0 and seconds > 0 else 0.0}, bench_batch.py;
 *       {@code generation_tok_s} "0 if denominator &lt;= 0", spec §5), so our files equal the seed's;</li>
 *   <li>every <b>other ratio</b> ({@link #ratio}) — ours: aggregate prefill/decode rates, per-category decode
 *       rates, cache hit rates, acceptance, speedups (the seed's {@code speedup_vs_k1} too, a ratio of two
 *       rates), gains — is null when its denominator is not positive: a ratio over nothing is unknown, not
 *       zero;</li>
 *   <li>either is null when an input is missing (null), e.g. prompt tokens the server did not report:
 *       nothing is estimated.</li>
 * </ul>
 * Means over no values follow the same split ({@link Means}).
 */
public final class Rates {
    private Rates() {
    }

    /** A seed rate: numerator / denominator, 0.0 when either is not positive. */
    public static double seed(double numerator, double denominator) {
        return numerator > 0 && denominator > 0 ? numerator / denominator : 0.0;
    }

    /** A seed rate whose numerator may be unknown: null then, else {@link #seed(double, double)}. */
    public static Double seedIfKnown(Number numerator, double denominator) {
        return numerator == null ? null : seed(numerator.doubleValue(), denominator);
    }

    /** One of our ratios: numerator / denominator; null when either is missing or the denominator is not positive. */
    public static Double ratio(Number numerator, Number denominator) {
        if (numerator == null || denominator == null || denominator.doubleValue() <= 0) {
            return null;
        }
        return numerator.doubleValue() / denominator.doubleValue();
    }

    /** Tokens per second over a span of microseconds, as one of our ratios (null for an empty span). */
    public static Double perSecond(long tokens, long micros) {
        return ratio(tokens, seconds(micros));
    }

    /**
     * extract_results' percent change of {@code value} against {@code base}: (value − base) / base × 100, null
     * (printed "N/A") when either is missing or 0 — the seed's rule for its DELTA vs BASELINE table.
     */
    public static Double percentChange(Double base, Double value) {
        if (base == null || value == null || base == 0 || value == 0) {
            return null;
        }
        return (value - base) / base * 100;
    }

    /** Microseconds of the client clock as seconds. */
    public static double seconds(long micros) {
        return micros / 1_000_000.0;
    }
}

package llmbench.metrics;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Speculative decoding over a stretch of requests, from the seed's {@code /v1/spec_decode/metrics} counters
 * read before and after (cumulative since server start, so deltas isolate the stretch):
 * <pre>
 *   acceptance_rate     = Δtotal_accepted / Δtotal_proposed
 *   tokens_per_step     = (Δtotal_accepted + Δtotal_bonus_tokens + Δtotal_steps) / Δtotal_steps   (the seed's avg_tokens_per_step)
 *   bonus_tokens        = Δtotal_bonus_tokens
 * </pre>
 * Null when the server does not report a counter or the denominator is zero (no speculative step ran;
 * {@link Rates#ratio}).
 */
public record SpecDecodeDeltas(Double proposed, Double accepted, Double bonus, Double steps) {

    /** The deltas between two readings of {@code /v1/spec_decode/metrics} (either may be null: not read). */
    public static SpecDecodeDeltas between(JsonNode before, JsonNode after) {
        return new SpecDecodeDeltas(CounterDelta.of(before, after, "total_proposed"),
                CounterDelta.of(before, after, "total_accepted"), CounterDelta.of(before, after, "total_bonus_tokens"),
                CounterDelta.of(before, after, "total_steps"));
    }

    public SpecDecodeDeltas plus(SpecDecodeDeltas o) {
        return new SpecDecodeDeltas(sum(proposed, o.proposed), sum(accepted, o.accepted), sum(bonus, o.bonus),
                sum(steps, o.steps));
    }

    public boolean reported() {
        return proposed != null || accepted != null || steps != null;
    }

    public Double acceptanceRate() {
        return Rates.ratio(accepted, proposed);
    }

    public Double tokensPerStep() {
        return accepted == null || steps == null ? null
                : Rates.ratio(accepted + (bonus == null ? 0 : bonus) + steps, steps);
    }

    /** this / baseline, for decode rates; null without both. */
    public static Double speedup(Double rate, Double baselineRate) {
        return Rates.ratio(rate, baselineRate);
    }

    private static Double sum(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(a + b);
    }
}

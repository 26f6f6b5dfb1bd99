package llmbench.metrics;

import llmbench.timing.RequestRecord;

/**
 * Normalized latency of one successful request (vLLM's and GuideLLM's "normalized time per output token"):
 * <pre>
 *   normalized_latency_s_per_token = (end − send) / completion_tokens
 * </pre>
 * It charges the whole request, prefill and queueing included, to its output tokens, so unlike {@code tpot_s}
 * (decode only) it grows with TTFT. One of our ratios ({@link Rates#ratio}): null when the request produced
 * no completion tokens or has no end.
 */
public final class NormalizedLatency {
    private NormalizedLatency() {
    }

    public static Double secondsPerToken(RequestRecord r) {
        if (!r.succeeded() || r.endUs() == null) {
            return null;
        }
        return Rates.ratio(Rates.seconds(r.endUs() - r.sendUs()), r.completionTokens());
    }
}

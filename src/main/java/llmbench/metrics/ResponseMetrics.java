package llmbench.metrics;

import llmbench.timing.RequestRecord;
import llmbench.timing.ServerTimings;

/**
 * The five metrics of a non-streamed request, which has no client-side first token. Nothing is split on
 * the client's clock: the prefill/decode split is the server's own when its reply carried one
 * ({@link ServerTimings}), else null (the seed's extract_results would call the whole time prefill; we do not).
 * <pre>
 *   total_time_s     = end − send                                 (response received)
 *   prefill_time_s   = server prefill time, else null
 *   prefill_tok_s    = prompt_tokens / prefill_time_s
 *   decode_time_s    = server decode time, else null
 *   decode_tok_s     = completion_tokens / decode_time_s
 *   throughput_tok_s = (prompt_tokens + completion_tokens) / total_time_s
 *   generation_tok_s = completion_tokens / total_time_s           (the seed's bench_single rule for non-streaming)
 * </pre>
 * Rates are seed rates ({@link Rates#seed}): 0.0 for a non-positive numerator or denominator, null without input.
 */
public record ResponseMetrics(
        double totalTimeS,
        Double prefillTimeS,
        Double prefillTokS,
        Double decodeTimeS,
        Double decodeTokS,
        Double throughputTokS,
        double generationTokS,
        String splitSource) {

    public static ResponseMetrics of(RequestRecord r) {
        if (!r.succeeded() || r.endUs() == null) {
            throw new IllegalArgumentException("a failed request has no metrics: " + r.error());
        }
        double total = Rates.seconds(r.endUs() - r.sendUs());
        Integer prompt = r.promptTokens();
        int completion = r.completionTokens() == null ? 0 : r.completionTokens();
        ServerTimings t = r.serverTimings();
        Double prefill = t == null ? null : t.prefillS();
        Double decode = t == null ? null : t.decodeS();
        return new ResponseMetrics(total, prefill,
                prefill == null ? null : Rates.seedIfKnown(prompt, prefill),
                decode, decode == null ? null : Double.valueOf(Rates.seed(completion, decode)),
                Rates.seedIfKnown(prompt == null ? null : prompt + completion, total),
                Rates.seed(completion, total),
                t == null ? null : t.source());
    }
}

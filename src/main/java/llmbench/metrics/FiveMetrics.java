package llmbench.metrics;

import llmbench.timing.RequestRecord;

/**
 * The plan's five mandatory metrics for one request, with the seed scripts' definitions (bench_batch.py),
 * all from the client clock and the server's token counts:
 * <pre>
 *   ttft_s           = first_token − send                         (first non-empty content chunk)
 *   total_time_s     = end − send                                 (end = data: [DONE] received)
 *   prefill_time_s   = ttft_s                                     (the seed falls back to total_time_s when there is no TTFT)
 *   prefill_tok_s    = prompt_tokens / prefill_time_s
 *   decode_time_s    = total_time_s − prefill_time_s              (first token to end of stream)
 *   decode_tok_s     = completion_tokens / decode_time_s
 *   throughput_tok_s = (prompt_tokens + completion_tokens) / total_time_s
 * </pre>
 * A rate whose numerator or denominator is not positive is 0.0, as in the seed; a rate that needs
 * prompt_tokens is null when the server did not report them (nothing is estimated).
 * Note that decode_tok_s counts the first token in the numerator although its time is in prefill — the
 * seed's definition, kept so files compare with the seed's; {@code tpotS} is the strict per-token time.
 *
 * @param tpotS time per output token after the first: (last_content − first_token) / (completion − 1);
 *              null with fewer than two tokens
 */
public record FiveMetrics(
        double ttftS,
        double totalTimeS,
        double prefillTimeS,
        Double prefillTokS,
        double decodeTimeS,
        double decodeTokS,
        Double throughputTokS,
        Double tpotS) {

    /** The metrics of a successful record; throws for a failed one, which has none. */
    public static FiveMetrics of(RequestRecord r) {
        if (!r.succeeded() || r.firstTokenUs() == null || r.endUs() == null) {
            throw new IllegalArgumentException("a failed request has no metrics: " + r.error());
        }
        double ttft = seconds(r.firstTokenUs() - r.sendUs());
        double total = seconds(r.endUs() - r.sendUs());
        double prefill = ttft > 0 ? ttft : total;
        double decode = total - prefill;
        int completion = r.completionTokens() == null ? 0 : r.completionTokens();
        Integer prompt = r.promptTokens();
        Double prefillRate = prompt == null ? null : rate(prompt, prefill);
        Double throughput = prompt == null ? null : rate(prompt + completion, total);
        Double tpot = null;
        if (completion >= 2 && r.lastContentUs() != null) {
            tpot = seconds(r.lastContentUs() - r.firstTokenUs()) / (completion - 1);
        }
        return new FiveMetrics(ttft, total, prefill, prefillRate, decode, rate(completion, decode), throughput, tpot);
    }

    static double rate(double tokens, double seconds) {
        return tokens > 0 && seconds > 0 ? tokens / seconds : 0.0;
    }

    static double seconds(long micros) {
        return micros / 1_000_000.0;
    }
}

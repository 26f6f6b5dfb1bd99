package llmbench.metrics;

import java.util.List;
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
 *   generation_tok_s = completion_tokens / (total_time_s − ttft_s) (the seed's per-request rate, spec §5)
 * </pre>
 * Rates are seed rates ({@link Rates#seed}): 0.0 when the numerator or denominator is not positive, as in the
 * seed; a rate that needs prompt_tokens is null when the server did not report them (nothing is estimated).
 * Note that decode_tok_s counts the first token in the numerator although its time is in prefill — the
 * seed's definition, kept so files compare with the seed's; {@code tpotS} is the strict per-token time.
 *
 * @param tpotS time per output token after the first: (last_content − first_token) / (completion − 1);
 *              null with fewer than two tokens
 * @param completionTokens the completion tokens the rates count (0 when the server reported none)
 */
public record FiveMetrics(
        double ttftS,
        double totalTimeS,
        double prefillTimeS,
        Double prefillTokS,
        double decodeTimeS,
        double decodeTokS,
        Double throughputTokS,
        Double tpotS,
        double generationTokS,
        int completionTokens) {

    /** The metrics of a successful streamed record; throws for a failed one, which has none. */
    public static FiveMetrics of(RequestRecord r) {
        if (!r.succeeded() || r.firstTokenUs() == null || r.endUs() == null) {
            throw new IllegalArgumentException("a failed request has no metrics: " + r.error());
        }
        double ttft = Rates.seconds(r.firstTokenUs() - r.sendUs());
        double total = Rates.seconds(r.endUs() - r.sendUs());
        double prefill = ttft > 0 ? ttft : total;
        double decode = total - prefill;
        int completion = r.completionTokens() == null ? 0 : r.completionTokens();
        Integer prompt = r.promptTokens();
        Double tpot = null;
        if (completion >= 2 && r.lastContentUs() != null) {
            tpot = Rates.seconds(r.lastContentUs() - r.firstTokenUs()) / (completion - 1);
        }
        return new FiveMetrics(ttft, total, prefill, Rates.seedIfKnown(prompt, prefill), decode, Rates.seed(completion, decode),
                Rates.seedIfKnown(prompt == null ? null : prompt + completion, total), tpot,
                Rates.seed(completion, total - ttft), completion);
    }

    /** The metrics of the successful streamed records among {@code records}, in their order. */
    public static List<FiveMetrics> ofSuccessfulStreams(List<RequestRecord> records) {
        return records.stream().filter(r -> r.succeeded() && r.streamed()).map(FiveMetrics::of).toList();
    }
}

package llmbench.metrics;

/**
 * The five metrics the seed's extract_results.py derives for a result row that does not carry them
 * ({@code _derive_metrics}, seed spec §5.7), from the row's {@code ttft_s}, {@code total_time_s},
 * {@code prompt_tokens}, {@code completion_tokens} and {@code generation_tok_s}:
 * <pre>
 *   prefill_time_s   = ttft if ttft &gt; 0 else total
 *   decode_time_s    = total − prefill if ttft is not null else 0
 *   prefill_tok_s    = round(prompt / prefill, 1)               (seed rate: 0 unless both &gt; 0)
 *   decode_tok_s     = generation_tok_s if non-zero, else round(completion / decode, 2)   (seed rate)
 *   throughput_tok_s = round((prompt + completion) / total, 2)
 * </pre>
 * An unreported token count counts 0, as there. Rates and rounding are {@link Rates#seed} and {@link Rounding}.
 */
public record ExtractedFive(double prefillTimeS, double prefillTokS, double decodeTimeS, double decodeTokS,
                            double throughputTokS) {

    /** The derived metrics; null when the row has no positive total time (extract_results skips it). */
    public static ExtractedFive derive(Double ttft, Double total, Double prompt, Double completion, Double generation) {
        if (total == null || total <= 0) {
            return null;
        }
        double p = prompt == null ? 0.0 : prompt;
        double c = completion == null ? 0.0 : completion;
        double prefill = ttft != null && ttft > 0 ? ttft : total;
        double decode = ttft != null ? total - prefill : 0.0;
        double decodeRate = generation != null && generation != 0 ? generation
                : Rounding.round(Rates.seed(c, decode), 2);
        return new ExtractedFive(prefill, Rounding.round(Rates.seed(p, prefill), 1), decode, decodeRate,
                Rounding.round(Rates.seed(p + c, total), 2));
    }
}

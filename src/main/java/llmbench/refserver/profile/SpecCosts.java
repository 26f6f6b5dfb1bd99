package llmbench.refserver.profile;

/**
 * What speculative decoding costs and how often a simulated draft agrees with the model (profile keys in
 * brackets; all optional).
 *
 * <p>A speculative step in which decoding sequence i verifies its last token plus {@code k_i} draft tokens
 * lasts
 * <pre>
 *   T = a + b·d + v·Σk_i + c·p + D(K)       D(K) = 0 (ngram), K·draft_token_ms (draft), K·mtp_token_ms (mtp)
 * </pre>
 * where K is the step's draft length: each extra verified token costs {@code v} like a prefill token (the
 * target forward pass is memory-bound, so verifying K+1 tokens costs little more than decoding one), and a
 * draft model runs K sequential passes for the whole batch.
 *
 * @param verifyTokenMs  v [spec_verify_token_ms]: cost per draft token verified (default: per_prefill_token_ms)
 * @param draftTokenMs   [draft_token_ms]: one pass of the simulated draft model (default 0.1·(a+b))
 * @param draftAgreement [draft_agreement]: probability that a draft-model token equals the model's next
 *                       token (default 0.6)
 * @param mtpTokenMs     [mtp_token_ms]: one multi-token-prediction head pass (default 0.05·(a+b))
 * @param mtpAgreement   [mtp_agreement]: the same for MTP heads (default 0.7)
 */
public record SpecCosts(double verifyTokenMs, double draftTokenMs, double draftAgreement, double mtpTokenMs,
                        double mtpAgreement) {

    public SpecCosts {
        if (verifyTokenMs < 0 || draftTokenMs < 0 || mtpTokenMs < 0) {
            throw new IllegalArgumentException("speculative decoding costs must be >= 0");
        }
        if (draftAgreement < 0 || draftAgreement > 1 || mtpAgreement < 0 || mtpAgreement > 1) {
            throw new IllegalArgumentException("draft_agreement and mtp_agreement must be between 0 and 1");
        }
    }

    /** The defaults above for a profile with these step times. */
    public static SpecCosts defaultsFor(double stepBaseMs, double perDecodeSequenceMs, double perPrefillTokenMs) {
        double decode = stepBaseMs + perDecodeSequenceMs;
        return new SpecCosts(perPrefillTokenMs, 0.1 * decode, 0.6, 0.05 * decode, 0.7);
    }

    SpecCosts scaled(double s) {
        return new SpecCosts(verifyTokenMs * s, draftTokenMs * s, draftAgreement, mtpTokenMs * s, mtpAgreement);
    }
}

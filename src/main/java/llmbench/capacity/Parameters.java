package llmbench.capacity;

/**
 * The fitted performance model of one server (seconds, tokens).
 *
 * <pre>
 *   step time        T = α + β·d + c·p      (d sequences decoding, p prompt tokens prefilled in the step)
 *   time to 1st token = o + δ·(r − 1) + Σ T over the steps from then until the request's prefill is done
 * </pre>
 * (r: the request's place in the order the server took in k requests sent at once).
 *
 * @param overheadS  o: send to admission and first byte back (connection, parsing, tokenising)
 * @param alphaS     α: fixed cost of a step
 * @param betaS      β: cost per decoding sequence in a step
 * @param cS         c: cost per prefilled prompt token
 * @param budget     prompt tokens prefilled per step at most (chunked prefill); 0 = no limit
 * @param prefixReuse a repeated prompt is served from a prefix cache (prefills one token); used only for
 *                   requests whose server did not report its cached tokens (see {@link #prefillTokens})
 * @param maxBatch   sequences running at once at most; 0 = no limit (the data cannot show a cap above
 *                   the largest k measured: give it when the server's is known)
 * @param spreadS    δ: requests sent at once reach the scheduler δ apart (the client opens a connection
 *                   per stream, the server parses and tokenises them one after another)
 * @param openOverheadS o of requests sent one by one on an open schedule (a rate sweep's): the same kind of
 *                   time, fitted apart because it depends on how the client sends, not on the server (k
 *                   connections opened at once in Batch; one request at a time in a sweep); equal to o when no
 *                   rate-sweep request was fitted
 */
public record Parameters(double overheadS, double alphaS, double betaS, double cS, int budget, boolean prefixReuse,
                         int maxBatch, double spreadS, double openOverheadS) {
    static final String[] NAMES = {"o_s", "alpha_s", "beta_s", "c_s_per_token"};

    /** Parameters whose open-schedule overhead is o itself (no rate sweep fitted). */
    public Parameters(double overheadS, double alphaS, double betaS, double cS, int budget, boolean prefixReuse,
                      int maxBatch, double spreadS) {
        this(overheadS, alphaS, betaS, cS, budget, prefixReuse, maxBatch, spreadS, overheadS);
    }

    double[] vector() {
        return new double[] {overheadS, alphaS, betaS, cS};
    }

    /** (o, α, β, c) replaced; the open-schedule overhead stays (the delta method perturbs it apart). */
    Parameters with(double[] v) {
        return new Parameters(v[0], v[1], v[2], v[3], budget, prefixReuse, maxBatch, spreadS, openOverheadS);
    }

    Parameters withOpenOverhead(double o) {
        return new Parameters(overheadS, alphaS, betaS, cS, budget, prefixReuse, maxBatch, spreadS, o);
    }

    /**
     * Prompt tokens a request has to prefill: what the server did not serve from its prefix cache. Where the
     * server reported its cached tokens ({@code cached_prompt_tokens}: the reference server, vLLM, llama.cpp)
     * that count is exact — the reference server counts cached blocks as prefilled at admission, so even a
     * cache-busted prompt skips the shared chat-template block; otherwise a repeated prompt is taken as fully
     * cached when the fit found prefix reuse. At least one token: the last prompt token's logits are computed.
     */
    int prefillTokens(int promptTokens, Integer cachedTokens, boolean repeat) {
        if (cachedTokens != null) {
            return Math.max(1, promptTokens - cachedTokens);
        }
        return repeat && prefixReuse ? 1 : promptTokens;
    }

    StepSimulator.Step step() {
        return new StepSimulator.Step(alphaS, betaS, cS, budget, maxBatch);
    }
}

package llmbench.refserver.profile;

/**
 * How long one continuous-batching step of the reference server takes.
 *
 * <p>A step decodes one token for each of {@code d} sequences that are past prefill and prefills
 * {@code p} prompt tokens (at most {@link #prefillChunkTokens()} per step, shared in arrival order).
 * Its duration is
 * <pre>
 *   T(d, p) = a + b·d + c·p          a = stepBaseMs, b = perDecodeSequenceMs, c = perPrefillTokenMs
 * </pre>
 * From that follow the numbers a profile is chosen for:
 * <ul>
 *   <li>single-stream decode rate: {@code 1000 / (a + b)} tok/s;</li>
 *   <li>aggregate decode rate with k sequences decoding: {@code R(k) = 1000·k / (a + b·k)} tok/s,
 *       which approaches {@code 1000 / b} as k grows;</li>
 *   <li>relative gain of k over k−1: {@code R(k)/R(k−1) − 1 = a / ((k−1)·(a + b·k))}; the
 *       <em>saturation batch size</em> is the first k whose gain is below 10 %;</li>
 *   <li>prefill rate of full chunks with nothing decoding: {@code 1000·B / (a + c·B)} tok/s,
 *       B = prefillChunkTokens (tends to {@code 1000 / c} for large chunks).</li>
 * </ul>
 * All times are milliseconds of the profile; {@link #scaled(double)} multiplies them (time scale 0.1
 * runs ten times faster).
 *
 * @param description        what the profile imitates (first key of every profile file)
 * @param stepBaseMs         a: fixed cost of a step (weights read once per forward pass)
 * @param perDecodeSequenceMs b: extra cost per sequence decoded in the step
 * @param perPrefillTokenMs  c: cost per prompt token prefilled in the step
 * @param prefillChunkTokens B: prompt tokens a single step may prefill (chunked-prefill budget)
 * @param maxBatchSize       sequences admitted at once unless the server is told otherwise
 * @param spec               costs of speculative decoding steps ({@link SpecCosts})
 * @param shape              model size and KV shape for memory figures ({@link ModelShape})
 * @param loadSeconds        [load_s, optional, 0] model load time: the server binds its port only after it
 *                           (as the seed, which loads the model before it listens)
 */
public record PerformanceProfile(String description, double stepBaseMs, double perDecodeSequenceMs,
                                 double perPrefillTokenMs, int prefillChunkTokens, int maxBatchSize,
                                 SpecCosts spec, ModelShape shape, double loadSeconds) {

    /** Gains below this fraction count as saturated (see {@link #saturationBatchSize()}). */
    public static final double SATURATION_GAIN = 0.10;

    public PerformanceProfile {
        if (!(stepBaseMs > 0) || perDecodeSequenceMs < 0 || perPrefillTokenMs < 0) {
            throw new IllegalArgumentException("profile times must be step_base_ms > 0 and the per-item costs >= 0");
        }
        if (prefillChunkTokens < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("prefill_chunk_tokens and max_batch_size must be at least 1");
        }
        if (spec == null) {
            spec = SpecCosts.defaultsFor(stepBaseMs, perDecodeSequenceMs, perPrefillTokenMs);
        }
        if (shape == null) {
            shape = ModelShape.DEFAULT;
        }
        if (!(loadSeconds >= 0) || Double.isInfinite(loadSeconds)) {
            throw new IllegalArgumentException("load_s must be a number >= 0");
        }
    }

    /** A profile with the default speculative-decoding costs. */
    public PerformanceProfile(String description, double stepBaseMs, double perDecodeSequenceMs,
                              double perPrefillTokenMs, int prefillChunkTokens, int maxBatchSize) {
        this(description, stepBaseMs, perDecodeSequenceMs, perPrefillTokenMs, prefillChunkTokens, maxBatchSize, null,
                null, 0);
    }

    /**
     * Duration of a speculative step in milliseconds: T(d, p) + v·verifiedDraftTokens + draftPassMs
     * (see {@link SpecCosts}).
     */
    public double specStepMillis(int decodingSequences, int prefillTokens, int verifiedDraftTokens, double draftPassMs) {
        return stepMillis(decodingSequences, prefillTokens) + spec.verifyTokenMs() * verifiedDraftTokens + draftPassMs;
    }

    /**
     * Cost of one token of the simulated draft model's prefill: the target's prefill cost scaled by the
     * draft's size relative to the target, {@code c · draft_token_ms / (a + b)} (0 when a + b = 0).
     */
    public double draftPrefillTokenMs() {
        double decode = stepBaseMs + perDecodeSequenceMs;
        return decode <= 0 ? 0.0 : perPrefillTokenMs * spec.draftTokenMs() / decode;
    }

    /** T(d, p) in milliseconds. */
    public double stepMillis(int decodingSequences, int prefillTokens) {
        return stepBaseMs + perDecodeSequenceMs * decodingSequences + perPrefillTokenMs * prefillTokens;
    }

    /** T(d, p) in nanoseconds, rounded. */
    public long stepNanos(int decodingSequences, int prefillTokens) {
        return Math.round(stepMillis(decodingSequences, prefillTokens) * 1_000_000.0);
    }

    public double singleStreamTokensPerSecond() {
        return aggregateDecodeTokensPerSecond(1);
    }

    /** R(k) = 1000·k / (a + b·k). */
    public double aggregateDecodeTokensPerSecond(int k) {
        return 1000.0 * k / stepMillis(k, 0);
    }

    /** First k ≥ 2 with R(k)/R(k−1) − 1 below {@link #SATURATION_GAIN}; gain(k) = a/((k−1)(a+b·k)). */
    public int saturationBatchSize() {
        for (int k = 2; k < 1_000_000; k++) {
            double gain = stepBaseMs / ((k - 1) * (stepBaseMs + perDecodeSequenceMs * k));
            if (gain < SATURATION_GAIN) {
                return k;
            }
        }
        throw new IllegalStateException("decode throughput never saturates");
    }

    /** 1000·B / (a + c·B). */
    public double prefillTokensPerSecond() {
        return 1000.0 * prefillChunkTokens / stepMillis(0, prefillChunkTokens);
    }

    /** The same profile with every time multiplied by {@code timeScale}. */
    public PerformanceProfile scaled(double timeScale) {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("time scale must be a positive number, got " + timeScale);
        }
        return new PerformanceProfile(description, stepBaseMs * timeScale, perDecodeSequenceMs * timeScale,
                perPrefillTokenMs * timeScale, prefillChunkTokens, maxBatchSize, spec.scaled(timeScale),
                shape, loadSeconds * timeScale);
    }
}

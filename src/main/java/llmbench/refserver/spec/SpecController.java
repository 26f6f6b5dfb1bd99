package llmbench.refserver.spec;

/**
 * The seed's DynamicSpecController (§4.2), and the figures of /v1/spec_decode/metrics (§1.13).
 *
 * <ul>
 *   <li>EMA of per-step acceptance starts at 0.7, α = 0.1: after a step with proposals,
 *       {@code ema = α·accepted/proposed + (1 − α)·ema}.</li>
 *   <li>{@link #shouldSpeculate}: no when the mode is none, or when disable-batch-size > 0 and the batch
 *       is at least that large; yes when dynamic control is off; else {@code ema >= threshold}.</li>
 *   <li>{@link #k}: 0 when not speculating; k when adaptive k is off; else ema > 0.8 → k, > 0.5 →
 *       max(1, k−2), > 0.3 → 1, otherwise 0 (fixed breakpoints, independent of the threshold).</li>
 * </ul>
 * Once the EMA falls below the threshold no speculative step runs again, so it never recovers until
 * restart — as in the seed. Thread-safe (the scheduler updates, HTTP threads read).
 */
public final class SpecController {
    public static final double INITIAL_EMA = 0.7;
    public static final double ALPHA = 0.1;

    private final String mode;
    private final int k;
    private final double threshold;
    private final boolean dynamic;
    private final boolean adaptiveK;
    private final int disableBatchSize;

    private double ema = INITIAL_EMA;
    private long steps;
    private long proposed;
    private long accepted;
    private long bonus;

    public SpecController(String mode, int k, double threshold, boolean dynamic, boolean adaptiveK,
                          int disableBatchSize) {
        this.mode = mode;
        this.k = k;
        this.threshold = threshold;
        this.dynamic = dynamic;
        this.adaptiveK = adaptiveK;
        this.disableBatchSize = disableBatchSize;
    }

    public String mode() {
        return mode;
    }

    public boolean enabled() {
        return !mode.equals("none");
    }

    public synchronized boolean shouldSpeculate(int batchSize) {
        if (!enabled()) {
            return false;
        }
        if (disableBatchSize > 0 && batchSize >= disableBatchSize) {
            return false;
        }
        return !dynamic || ema >= threshold;
    }

    /** Draft length for a step with this batch size. */
    public synchronized int k(int batchSize) {
        if (!shouldSpeculate(batchSize)) {
            return 0;
        }
        if (!adaptiveK) {
            return k;
        }
        if (ema > 0.8) {
            return k;
        }
        if (ema > 0.5) {
            return Math.max(1, k - 2);
        }
        return ema > 0.3 ? 1 : 0;
    }

    /**
     * One verified speculative step.
     *
     * @param stepProposed draft tokens offered (Σ proposal lengths)
     * @param stepAccepted draft tokens accepted (correction/bonus tokens excluded)
     * @param stepBonus    sequences whose whole non-empty proposal was accepted
     */
    public synchronized void update(int stepProposed, int stepAccepted, int stepBonus) {
        steps++;
        proposed += stepProposed;
        accepted += stepAccepted;
        bonus += stepBonus;
        if (stepProposed > 0) {
            ema = ALPHA * stepAccepted / stepProposed + (1 - ALPHA) * ema;
        }
    }

    public synchronized double ema() {
        return ema;
    }

    public synchronized Metrics metrics() {
        return new Metrics(mode, round(ema, 4), proposed == 0 ? 0.0 : round((double) accepted / proposed, 4),
                steps == 0 ? 1.0 : round((double) (accepted + bonus + steps) / steps, 2), steps, proposed, accepted,
                bonus, k, k(1));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** The fields of /v1/spec_decode/metrics (besides spec_decode_enabled and total_fallback_steps = 0). */
    public record Metrics(String mode, double acceptanceRateEma, double acceptanceRateOverall, double avgTokensPerStep,
                          long totalSteps, long totalProposed, long totalAccepted, long totalBonusTokens, int currentK,
                          int adaptiveKCurrent) {
    }
}

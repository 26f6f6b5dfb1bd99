package llmbench.refserver.fault;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides, per generation request in arrival order, whether it gets a fault and which: request n is faulted
 * when the n-th draw of a generator seeded with {@code seed} is below {@code rate}; the faulted requests take
 * the kinds in the order given, round robin, so every kind occurs once {@code kinds.size()} requests were
 * faulted. With one seed the sequence of decisions is the same on every run; which request gets the n-th
 * decision depends on arrival order, which concurrent clients do not fix. Thread-safe.
 */
public final class FaultPlan {
    private final double rate;
    private final List<FaultKind> kinds;
    private final SplittableRandom random;
    private long faulted;

    /**
     * @param rate  share of requests faulted, 0..1 (0 = never: the plan then draws nothing)
     * @param kinds kinds to cycle through; not empty when {@code rate > 0}
     */
    public FaultPlan(double rate, List<FaultKind> kinds, long seed) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("fault rate must be between 0 and 1, got " + rate);
        }
        if (rate > 0 && kinds.isEmpty()) {
            throw new IllegalArgumentException("a fault rate above 0 needs at least one fault kind");
        }
        this.rate = rate;
        this.kinds = List.copyOf(kinds);
        this.random = new SplittableRandom(seed);
    }

    public static FaultPlan none() {
        return new FaultPlan(0, List.of(), 0);
    }

    /** The next request's fault, or null for a correct reply. */
    public synchronized FaultKind next() {
        if (rate == 0 || random.nextDouble() >= rate) {
            return null;
        }
        return kinds.get((int) (faulted++ % kinds.size()));
    }
}

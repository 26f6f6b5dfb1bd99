package llmbench.load;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When an open-model load sends its requests: the intended offsets of n arrivals at a rate, the first at 0.
 * Gaps between arrivals, with mean 1 / rate:
 * <ul>
 *   <li>{@code constant}: exactly 1 / rate;</li>
 *   <li>{@code poisson}: exponential, −ln(1 − U) / rate (a Poisson process);</li>
 *   <li>{@code gamma}: Gamma(shape k = burstiness, scale θ = 1 / (rate · k)) — vLLM's {@code --burstiness}: mean
 *       1 / rate for any k, coefficient of variation 1 / √k; k = 1 is the Poisson process, k &lt; 1 burstier, k &gt; 1
 *       more regular.</li>
 * </ul>
 * The same seed gives the same schedule (a {@link SplittableRandom} per rate, seeded from the seed and the rate's
 * position), so runs compare arrival for arrival.
 */
public final class ArrivalSchedule {
    public enum Arrivals { POISSON, CONSTANT, GAMMA }

    private ArrivalSchedule() {
    }

    /** Offsets in µs of {@code n} arrivals at {@code rate} per second; with {@code maxUs} ≥ 0, only those before it. */
    public static long[] offsetsUs(Arrivals kind, double rate, double burstiness, int n, long seed, long maxUs) {
        if (!(rate > 0) || n < 0) {
            throw new IllegalArgumentException("rate must be > 0 and n ≥ 0: " + rate + ", " + n);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        long[] out = new long[n];
        double t = 0;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                t += gapS(kind, rate, burstiness, rng);
            }
            long us = Math.round(t * 1_000_000);
            if (maxUs >= 0 && us >= maxUs) {
                break;
            }
            out[kept++] = us;
        }
        return Arrays.copyOf(out, kept);
    }

    static double gapS(Arrivals kind, double rate, double burstiness, SplittableRandom rng) {
        return switch (kind) {
            case CONSTANT -> 1 / rate;
            case POISSON -> -Math.log(1 - rng.nextDouble()) / rate;
            case GAMMA -> gamma(burstiness, rng) / (rate * burstiness);
        };
    }

    /** A Gamma(shape, 1) draw: Marsaglia and Tsang (2000); shape &lt; 1 by Gamma(shape + 1) · U^(1/shape). */
    static double gamma(double shape, SplittableRandom rng) {
        if (shape < 1) {
            double u = rng.nextDouble();
            return gamma(shape + 1, rng) * Math.pow(u == 0 ? Double.MIN_VALUE : u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal(rng);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    private static double normal(SplittableRandom rng) {
        // Box–Muller; one of the pair is enough here
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}

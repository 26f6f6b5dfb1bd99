package llmbench.metrics;

import java.util.Arrays;

/**
 * The percentiles of a small sample as the seed's scripts take them, kept so a file's seed-named fields equal
 * what the seed would write (HdrHistogram percentiles over many values are in {@link LatencyDistribution}):
 * <ul>
 *   <li>{@link #nearestRank}: bench_batch.py's p95, the value at index max(0, ceil(q·n) − 1) of the sorted sample;</li>
 *   <li>{@link #median}: Python's {@code statistics.median} (mean of the two middle values for an even count),
 *       bench_concurrent.py's p50;</li>
 *   <li>{@link #indexed}: bench_concurrent.py's p95 / p99, {@code sorted[int(q·n)]} when n ≥ 2, the single value
 *       when n = 1 (not nearest rank: at n = 8, p95 is the maximum).</li>
 * </ul>
 * Each is null for an empty sample.
 */
public final class Percentiles {
    private Percentiles() {
    }

    public static Double nearestRank(double[] values, double q) {
        if (values.length == 0) {
            return null;
        }
        double[] v = sorted(values);
        int idx = Math.max(0, (int) Math.ceil(q * v.length) - 1);
        return v[Math.min(idx, v.length - 1)];
    }

    public static Double median(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double[] v = sorted(values);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    public static Double indexed(double[] values, double q) {
        if (values.length == 0) {
            return null;
        }
        double[] v = sorted(values);
        return v.length == 1 ? v[0] : v[Math.min(v.length - 1, (int) (q * v.length))];
    }

    private static double[] sorted(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v;
    }
}

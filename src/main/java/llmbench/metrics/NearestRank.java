package llmbench.metrics;

import java.util.Arrays;

/**
 * The seed scripts' percentile: the value at index max(0, ceil(q·n) − 1) of the sorted sample (nearest rank).
 * Kept beside the HdrHistogram percentiles so a file's seed-named fields equal what the seed would print.
 */
public final class NearestRank {
    private NearestRank() {
    }

    public static Double of(double[] values, double q) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int idx = Math.max(0, (int) Math.ceil(q * sorted.length) - 1);
        return sorted[Math.min(idx, sorted.length - 1)];
    }
}

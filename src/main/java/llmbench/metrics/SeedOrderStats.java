package llmbench.metrics;

import java.util.Arrays;

/**
 * The order statistics of the seed's bench_concurrent.py, kept so a file's seed-named fields equal what the
 * seed would compute: {@code median} as Python's {@code statistics.median} (mean of the two middle values
 * for an even count), and {@code indexed(q)} = {@code sorted[int(q·n)]} when n ≥ 2, the single value when
 * n = 1 (note: not nearest rank — at n = 8, p95 is the maximum).
 */
public final class SeedOrderStats {
    private SeedOrderStats() {
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

    public static Double mean(double[] values) {
        return values.length == 0 ? null : Arrays.stream(values).average().orElseThrow();
    }

    private static double[] sorted(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v;
    }
}

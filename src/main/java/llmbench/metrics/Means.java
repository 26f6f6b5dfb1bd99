package llmbench.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Every mean the suite computes. A mean is the exact mean of the values (their exact binary sum divided by
 * their count, rounded once to a double, as Python's {@code statistics.mean}), so it does not depend on the
 * order of the values or on how a summation loses digits. Over no values a mean is null ({@link #of}), except
 * for extract_results' two means of the seed's fields, which are 0.0 then as the seed writes them
 * ({@link #ofNonZero}, {@link #ofPositive}); the same split as {@link Rates}.
 */
public final class Means {
    /** Far beyond a double's 17 digits, so a quotient that does not end is rounded once, to the double. */
    private static final MathContext PRECISION = new MathContext(80);

    private Means() {
    }

    /** The mean; null when there are no values. */
    public static Double of(double[] values) {
        if (values.length == 0) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(new BigDecimal(v));
        }
        BigDecimal n = BigDecimal.valueOf(values.length);
        try {
            // Exact when it ends (n of 2s and 5s): a mean lying exactly between two doubles then rounds to even.
            return sum.divide(n).doubleValue();
        } catch (ArithmeticException endless) {
            return sum.divide(n, PRECISION).doubleValue();
        }
    }

    /** The mean of the values present (nulls left out); null when none is. */
    public static Double ofPresent(Collection<Double> values) {
        return of(values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray());
    }

    /** extract_results' per-batch-size / per-level mean: over the values present and not 0; 0.0 when none. */
    public static double ofNonZero(List<Double> values) {
        Double m = of(values.stream().filter(v -> v != null && v != 0).mapToDouble(Double::doubleValue).toArray());
        return m == null ? 0.0 : m;
    }

    /** extract_results' per-phase mean: over the values present and above 0; 0.0 when none. */
    public static double ofPositive(List<Double> values) {
        Double m = of(values.stream().filter(v -> v != null && v > 0).mapToDouble(Double::doubleValue).toArray());
        return m == null ? 0.0 : m;
    }
}

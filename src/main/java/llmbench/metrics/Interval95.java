package llmbench.metrics;

/**
 * A 95 % confidence interval around an estimate, and what it says about the estimate's sign: {@code YES} when
 * the whole interval is above zero, {@code NO} when it is below, {@code INCONCLUSIVE} when it holds zero or
 * cannot be computed (fewer samples than the estimate needs to say anything about its noise). Every
 * "does X beat Y" answer of the suite is such an interval, so that noise reads as "inconclusive", never as an
 * answer.
 *
 * <p>Student-t quantiles (two-sided 95 %, i.e. t<sub>0.975</sub>) are the usual table values; degrees of freedom
 * between table rows use the next lower row (a wider, never narrower, interval).
 *
 * @param low  null when the interval cannot be computed
 * @param high null when the interval cannot be computed
 */
public record Interval95(double estimate, Double low, Double high, double degreesOfFreedom) {
    public enum Sign { YES, NO, INCONCLUSIVE }

    private static final int[] DF = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 60, 120};
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.179, 2.131, 2.086, 2.060, 2.042, 2.021, 2.000, 1.980};
    private static final double NORMAL_975 = 1.960;

    public static Interval95 unknown(double estimate) {
        return new Interval95(estimate, null, null, 0);
    }

    /** estimate ± t<sub>0.975</sub>(df) · standardError; unknown when df &lt; 1. */
    public static Interval95 of(double estimate, double standardError, double degreesOfFreedom) {
        if (!(degreesOfFreedom >= 1) || Double.isNaN(standardError)) {
            return unknown(estimate);
        }
        double half = t975(degreesOfFreedom) * standardError;
        return new Interval95(estimate, estimate - half, estimate + half, degreesOfFreedom);
    }

    public Sign sign() {
        if (low == null || high == null) {
            return Sign.INCONCLUSIVE;
        }
        if (low > 0) {
            return Sign.YES;
        }
        return high < 0 ? Sign.NO : Sign.INCONCLUSIVE;
    }

    static double t975(double degreesOfFreedom) {
        if (degreesOfFreedom > DF[DF.length - 1]) {
            return NORMAL_975;
        }
        int row = 0;
        for (int i = 0; i < DF.length; i++) {
            if (DF[i] <= degreesOfFreedom) {
                row = i;
            }
        }
        return T975[row];
    }

    /** The mean of {@code values} with its t-interval (n − 1 degrees of freedom); unknown for one value. */
    public static Interval95 mean(double[] values) {
        Double m = Means.of(values);
        if (m == null) {
            throw new IllegalArgumentException("no values");
        }
        int n = values.length;
        return of(m, Math.sqrt(variance(values, m) / n), n - 1);
    }

    /**
     * Welch's interval for mean(b) − c · mean(a), with the Welch–Satterthwaite degrees of freedom: does b beat
     * c times a? (c = 1: plainly b − a; c = 1 + g: does b gain more than g over a.) Unknown when either side
     * has fewer than two values.
     */
    public static Interval95 scaledDifference(double[] b, double[] a, double c) {
        double mb = Means.of(b);
        double ma = Means.of(a);
        double estimate = mb - c * ma;
        if (a.length < 2 || b.length < 2) {
            return unknown(estimate);
        }
        double vb = variance(b, mb) / b.length;
        double va = c * c * variance(a, ma) / a.length;
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return new Interval95(estimate, estimate, estimate, a.length + b.length - 2);
        }
        double df = (va + vb) * (va + vb) / (vb * vb / (b.length - 1) + va * va / (a.length - 1));
        return of(estimate, se, df);
    }

    /**
     * The least-squares slope of y on x ({@link LeastSquares}) with its t-interval: standard error
     * √(Σ residual² / (n − 2) / Σ(x − x̄)²), n − 2 degrees of freedom. Unknown with fewer than three points
     * or no spread in x.
     */
    public static Interval95 slope(double[] x, double[] y) {
        Double b = LeastSquares.slope(x, y);
        if (b == null) {
            return unknown(Double.NaN);
        }
        int n = x.length;
        if (n < 3) {
            return unknown(b);
        }
        double mx = Means.of(x);
        double my = Means.of(y);
        double sxx = 0;
        double residuals = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        for (int i = 0; i < n; i++) {
            double fitted = my + b * (x[i] - mx);
            residuals += (y[i] - fitted) * (y[i] - fitted);
        }
        return of(b, Math.sqrt(residuals / (n - 2) / sxx), n - 2);
    }

    /** The sample variance (n − 1 in the denominator). */
    private static double variance(double[] v, double mean) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / (v.length - 1);
    }
}

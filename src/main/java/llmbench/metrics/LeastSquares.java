package llmbench.metrics;

/**
 * The ordinary least-squares slope of y against x: Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², with x̄ and ȳ from
 * {@link Means}. Null when x has no spread (every point at one x: no slope can be told), as our ratios are
 * ({@link Rates#ratio}).
 */
public final class LeastSquares {
    private LeastSquares() {
    }

    public static Double slope(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
        }
        if (x.length == 0) {
            return null;
        }
        double mx = Means.of(x);
        double my = Means.of(y);
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - mx) * (y[i] - my);
            den += (x[i] - mx) * (x[i] - mx);
        }
        return Rates.ratio(num, den);
    }
}

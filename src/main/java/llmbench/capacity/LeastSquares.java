package llmbench.capacity;

/**
 * Ordinary least squares by the normal equations, with the classical standard errors.
 *
 * <p>For a design X (n rows, p columns) and observations y: β = (XᵀX)⁻¹Xᵀy; residual variance
 * s² = ‖y − Xβ‖² / (n − p); Cov(β) = s²·(XᵀX)⁻¹; se(βⱼ) = √Cov(β)ⱼⱼ. The p × p system is solved by
 * Gauss–Jordan elimination with partial pivoting; our models have at most four columns, so neither
 * conditioning tricks (QR) nor a linear-algebra library earn their place. Columns are scaled to unit
 * length before solving (and the result scaled back), so seconds and token counts of very different
 * magnitudes do not spoil the pivoting.
 */
final class LeastSquares {
    private LeastSquares() {
    }

    /** The fitted coefficients, their covariance and the residual variance. */
    record Fit(double[] coefficients, double[][] covariance, double residualVariance, int observations) {
        double standardError(int j) {
            return Math.sqrt(Math.max(0.0, covariance[j][j]));
        }

        int degreesOfFreedom() {
            return observations - coefficients.length;
        }
    }

    /**
     * @throws IllegalArgumentException fewer rows than columns plus one (no residual variance), or
     *         columns that are linearly dependent (the data cannot tell those parameters apart)
     */
    static Fit fit(double[][] x, double[] y) {
        int n = y.length;
        if (n == 0 || x.length != n) {
            throw new IllegalArgumentException("design has " + x.length + " rows for " + n + " observations");
        }
        int p = x[0].length;
        if (n <= p) {
            throw new IllegalArgumentException(n + " observations cannot fit " + p + " parameters with an error estimate");
        }
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (double[] row : x) {
                s += row[j] * row[j];
            }
            if (s == 0) {
                throw new IllegalArgumentException("parameter " + j + " has an all-zero column: the data do not determine it");
            }
            scale[j] = Math.sqrt(s);
        }
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double xij = x[i][j] / scale[j];
                xty[j] += xij * y[i];
                for (int l = 0; l < p; l++) {
                    xtx[j][l] += xij * x[i][l] / scale[l];
                }
            }
        }
        double[][] inv = invert(xtx);
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) {
            for (int l = 0; l < p; l++) {
                beta[j] += inv[j][l] * xty[l];
            }
        }
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double fitted = 0;
            for (int j = 0; j < p; j++) {
                fitted += x[i][j] / scale[j] * beta[j];
            }
            rss += (y[i] - fitted) * (y[i] - fitted);
        }
        double s2 = rss / (n - p);
        double[][] cov = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int l = 0; l < p; l++) {
                cov[j][l] = s2 * inv[j][l] / (scale[j] * scale[l]);
            }
        }
        for (int j = 0; j < p; j++) {
            beta[j] /= scale[j];
        }
        return new Fit(beta, cov, s2, n);
    }

    /** Gauss–Jordan with partial pivoting; a pivot below 1e-12 (of unit-scaled columns) means rank deficiency. */
    static double[][] invert(double[][] m) {
        int p = m.length;
        double[][] a = new double[p][2 * p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(m[i], 0, a[i], 0, p);
            a[i][p + i] = 1;
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("parameters are not separable in these data (singular normal equations)");
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double d = a[col][col];
            for (int c = 0; c < 2 * p; c++) {
                a[col][c] /= d;
            }
            for (int r = 0; r < p; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int c = 0; c < 2 * p; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[][] inv = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(a[i], p, inv[i], 0, p);
        }
        return inv;
    }
}

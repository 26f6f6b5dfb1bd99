package llmbench.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LeastSquaresTest {
    @Test
    void exactLineIsRecoveredWithZeroStandardErrors() {
        double[][] x = {{1, 0}, {1, 1}, {1, 2}, {1, 3}, {1, 4}};
        double[] y = {2, 5, 8, 11, 14};
        LeastSquares.Fit f = LeastSquares.fit(x, y);
        assertEquals(2.0, f.coefficients()[0], 1e-12);
        assertEquals(3.0, f.coefficients()[1], 1e-12);
        assertEquals(0.0, f.standardError(0), 1e-6);
        assertEquals(0.0, f.standardError(1), 1e-6);
    }

    /**
     * x = 0..3, y = 1, 3, 2, 5. By hand: x̄ = 1.5, ȳ = 2.75, Sxx = 5, Sxy = 5.5 → slope 1.1, intercept 1.1;
     * residuals −0.1, 0.8, −1.3, 0.6, RSS 2.7, s² = 2.7 / 2 = 1.35; se(slope) = √(1.35 / 5) = 0.519615;
     * se(intercept) = √(1.35·(1/4 + 1.5² / 5)) = √0.945 = 0.972111.
     */
    @Test
    void standardErrorsMatchTheHandWorkedCase() {
        double[][] x = {{1, 0}, {1, 1}, {1, 2}, {1, 3}};
        double[] y = {1, 3, 2, 5};
        LeastSquares.Fit f = LeastSquares.fit(x, y);
        assertEquals(1.1, f.coefficients()[0], 1e-12);
        assertEquals(1.1, f.coefficients()[1], 1e-12);
        assertEquals(1.35, f.residualVariance(), 1e-12);
        assertEquals(0.972111, f.standardError(0), 1e-6);
        assertEquals(0.519615, f.standardError(1), 1e-6);
        assertEquals(2, f.degreesOfFreedom());
    }

    @Test
    void columnsOfVeryDifferentScaleAreSolvedAccurately() {
        // seconds against token counts in the thousands, as in the TTFT fit: y = 0.015 + 0.0001·p
        double[][] x = {{1, 700}, {1, 5400}, {1, 20}, {1, 1400}};
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            y[i] = 0.015 + 0.0001 * x[i][1];
        }
        LeastSquares.Fit f = LeastSquares.fit(x, y);
        assertEquals(0.015, f.coefficients()[0], 1e-12);
        assertEquals(0.0001, f.coefficients()[1], 1e-15);
    }

    @Test
    void dependentColumnsAreRefused() {
        double[][] x = {{1, 2}, {2, 4}, {3, 6}};
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.fit(x, new double[] {1, 2, 3}));
    }

    @Test
    void asManyRowsAsParametersLeaveNoErrorEstimateAndAreRefused() {
        double[][] x = {{1, 0}, {1, 1}};
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.fit(x, new double[] {1, 2}));
    }
}

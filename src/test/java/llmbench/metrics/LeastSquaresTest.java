package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LeastSquaresTest {
    @Test
    void slopeOfNoisyPointsIsTheHandComputedFit() {
        // y = 1, 4, 7 at x = 0, 2, 4: x̄ = 2, ȳ = 4; Σ(x−x̄)(y−ȳ) = (−2)(−3) + 0 + (2)(3) = 12; Σ(x−x̄)² = 8 → 1.5
        assertEquals(1.5, LeastSquares.slope(new double[] {0, 2, 4}, new double[] {1, 4, 7}), 1e-12);
        // y = 1, 5, 6 at x = 0, 1, 2: x̄ = 1, ȳ = 4; Σ = (−1)(−3) + 0 + (1)(2) = 5; Σ(x−x̄)² = 2 → 2.5
        assertEquals(2.5, LeastSquares.slope(new double[] {0, 1, 2}, new double[] {1, 5, 6}), 1e-12);
    }

    @Test
    void noSpreadInXGivesNoSlope() {
        assertNull(LeastSquares.slope(new double[] {3, 3, 3}, new double[] {1, 2, 3}));
        assertNull(LeastSquares.slope(new double[0], new double[0]));
    }
}

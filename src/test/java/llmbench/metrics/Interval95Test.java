package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import llmbench.metrics.Interval95.Sign;
import org.junit.jupiter.api.Test;

/** Hand-worked: variances with n − 1, t table two-sided 95 %. */
class Interval95Test {
    @Test
    void theMeanOfTwoValuesHasOneDegreeOfFreedom() {
        // mean 11, s² = 2, se = √(2/2) = 1, t(1) = 12.706
        Interval95 i = Interval95.mean(new double[] {10, 12});
        assertEquals(11, i.estimate(), 0);
        assertEquals(11 - 12.706, i.low(), 1e-12);
        assertEquals(11 + 12.706, i.high(), 1e-12);
        assertEquals(Sign.INCONCLUSIVE, i.sign());
    }

    @Test
    void welchDifferenceUsesSatterthwaiteDegreesOfFreedom() {
        // 21 − 11 = 10; se = √(2/2 + 2/2) = √2; df = 2² / (1 + 1) = 2, t(2) = 4.303
        Interval95 i = Interval95.scaledDifference(new double[] {20, 22}, new double[] {10, 12}, 1);
        assertEquals(10, i.estimate(), 1e-12);
        assertEquals(2, i.degreesOfFreedom(), 1e-12);
        assertEquals(10 - 4.303 * Math.sqrt(2), i.low(), 1e-9);
        assertEquals(Sign.YES, i.sign());
    }

    @Test
    void identicalRunsGiveAPointInterval() {
        Interval95 i = Interval95.scaledDifference(new double[] {5, 5}, new double[] {7, 7}, 1);
        assertEquals(-2, i.low(), 0);
        assertEquals(-2, i.high(), 0);
        assertEquals(Sign.NO, i.sign());
    }

    @Test
    void slopeOfThreePointsHasOneDegreeOfFreedom() {
        // b = 0.5; residuals −0.5, 1, −0.5; se = √(1.5 / 1 / 2)
        Interval95 i = Interval95.slope(new double[] {1, 2, 3}, new double[] {1, 3, 2});
        assertEquals(0.5, i.estimate(), 1e-12);
        assertEquals(0.5 - 12.706 * Math.sqrt(0.75), i.low(), 1e-9);
        assertEquals(Sign.INCONCLUSIVE, i.sign());
    }

    @Test
    void degreesOfFreedomBetweenTableRowsTakeTheLowerRowAndBeyond120TheNormal() {
        assertEquals(2.228, Interval95.t975(11), 0);
        assertEquals(1.980, Interval95.t975(120), 0);
        assertEquals(1.960, Interval95.t975(500), 0);
    }

    @Test
    void oneValueASideHasNoInterval() {
        assertNull(Interval95.scaledDifference(new double[] {1}, new double[] {2, 3}, 1).low());
        assertNull(Interval95.mean(new double[] {4}).low());
    }
}

package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RoundingTest {
    @Test
    void roundsLikePythonHalfEvenOnTheExactBinaryValue() {
        assertEquals(0.12, Rounding.round(0.125, 2));     // exact tie: to the even digit (Math.round gives 0.13)
        assertEquals(0.0312, Rounding.round(0.03125, 4)); // a TTFT of 31 250 µs; Python round(0.03125, 4)
        assertEquals(0.9688, Rounding.round(0.96875, 4)); // tie, 8 is even
        assertEquals(2.67, Rounding.round(2.675, 2));     // 2.675 is 2.67499999… in binary
        assertEquals(18.687, Rounding.round(56.06 / 3, 3));
        assertEquals(-0.12, Rounding.round(-0.125, 2));
    }

    @Test
    void nothingToRoundGivesNull() {
        assertNull(Rounding.round(null, 2));
        assertNull(Rounding.round(Double.NaN, 2));
        assertNull(Rounding.round(Double.POSITIVE_INFINITY, 2));
    }

    @Test
    void wholeNumbersRoundHalfToEvenLikePythonsRound() {
        assertEquals(600, Rounding.toWhole(600.5));
        assertEquals(602, Rounding.toWhole(601.5));
        assertEquals(601, Rounding.toWhole(600.5000001));
    }

    @Test
    void fixedDecimalsFollowTheSameRuleAsPythonsFormat() {
        assertEquals("0.12", Rounding.fixed(0.125, 2));     // String.format("%.2f") gives 0.13
        assertEquals("2.67", Rounding.fixed(2.675, 2));     // format(2.675, '.2f') = '2.67'
        assertEquals("12.2", Rounding.fixed(12.25, 1));     // 12.25 is exact: a tie, to the even 2
        assertEquals("3.00", Rounding.fixed(3, 2));
        assertEquals("-0.0", Rounding.fixed(-0.04, 1));
        assertEquals("-1.4", Rounding.fixed(-1.45, 1));     // −1.45 is −1.44999999999999995559… in binary
    }
}

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
}

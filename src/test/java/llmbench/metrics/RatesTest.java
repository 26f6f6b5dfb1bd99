package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RatesTest {
    @Test
    void aSeedRateIsZeroWithoutTimeOrTokensAsTheSeedWritesIt() {
        assertEquals(50.0, Rates.seed(100, 2.0));
        assertEquals(0.0, Rates.seed(100, 0.0));
        assertEquals(0.0, Rates.seed(100, -0.5));
        assertEquals(0.0, Rates.seed(0, 2.0));
    }

    @Test
    void aSeedRateWithAnUnreportedNumeratorIsNull() {
        assertNull(Rates.seedIfKnown(null, 2.0));
        assertEquals(0.0, Rates.seedIfKnown(10, 0.0));
    }

    @Test
    void ourRatiosAreNullOverNothing() {
        assertEquals(0.25, Rates.ratio(1, 4.0));
        assertEquals(0.0, Rates.ratio(0, 4.0));
        assertNull(Rates.ratio(3, 0));
        assertNull(Rates.ratio(3, -1.0));
        assertNull(Rates.ratio(null, 4.0));
        assertNull(Rates.ratio(3, null));
        assertEquals(1300.0, Rates.perSecond(1300, 1_000_000));
        assertNull(Rates.perSecond(1300, 0));
    }

    @Test
    void percentChangeIsNotAvailableAgainstOrForZero() {
        assertEquals(12.5, Rates.percentChange(80.0, 90.0), 1e-12);
        assertNull(Rates.percentChange(0.0, 90.0));
        assertNull(Rates.percentChange(80.0, 0.0));
        assertNull(Rates.percentChange(null, 90.0));
    }
}

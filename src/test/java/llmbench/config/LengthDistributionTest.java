package llmbench.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LengthDistributionTest {
    // new SplittableRandom(7).nextDouble(), first six: 0.3898297483912715, 0.01678829452815611,
    // 0.9007606806068834, 0.5829302930280781, 0.45244189501146836, 0.24943152228274335

    @Test
    void uniformDrawsAreLoPlusFloorOfUTimesTheRangeWidth() {
        // 10 + floor(u · 11): 0.3898 → 4.29 → 14; 0.0168 → 0.18 → 10; 0.9008 → 9.91 → 19; 0.5829 → 6.41 → 16
        assertArrayEquals(new int[] {14, 10, 19, 16}, LengthDistribution.parse("prompt.tokens", "uniform:10..20").draws(7, 4));
    }

    @Test
    void normalDrawsAreBoxMullerOnConsecutivePairsRounded() {
        // (0.3898, 0.0168): sqrt(-2 ln 0.6102) = 0.9940, cos(0.1055) = 0.9944, z = 0.9885 → 109.88 → 110
        // (0.9008, 0.5829): sqrt(-2 ln 0.0992) = 2.1496, cos(3.6627) = -0.8673, z = -1.8643 → 81.36 → 81
        // (0.4524, 0.2494): sqrt(-2 ln 0.5476) = 1.0975, cos(1.5672) = 0.0036, z = 0.0039 → 100.04 → 100
        assertArrayEquals(new int[] {110, 81, 100}, LengthDistribution.parse("prompt.tokens", "normal:100,10").draws(7, 3));
    }

    @Test
    void aSeedGivesTheSameDrawsEveryTimeAndAnotherSeedOthers() {
        LengthDistribution d = LengthDistribution.parse("output.tokens", "uniform:1..1000000");
        assertArrayEquals(d.draws(42, 50), d.draws(42, 50));
        assertTrue(!java.util.Arrays.equals(d.draws(42, 50), d.draws(43, 50)));
    }

    @Test
    void normalDrawsStayWithinThreeDeviationsAndAboveZero() {
        LengthDistribution d = LengthDistribution.parse("prompt.tokens", "normal:20,10");
        assertEquals(1, d.min());
        assertEquals(50, d.max());
        for (int n : d.draws(3, 20_000)) {
            assertTrue(n >= 1 && n <= 50, "draw " + n);
        }
    }

    @Test
    void aFixedLengthIsItselfEveryTime() {
        LengthDistribution d = LengthDistribution.parse("prompt.tokens", "2048");
        assertArrayEquals(new int[] {2048, 2048, 2048}, d.draws(1, 3));
        assertEquals(2048, d.max());
        assertEquals("2048", d.toString());
    }

    @Test
    void badFormsAreOneLineNamingTheOptionAndTheAcceptedForms() {
        assertEquals("prompt.tokens 'gamma:2,3': unknown distribution 'gamma'; give N, normal:MEAN,SD or "
                + "uniform:LO..HI (whole numbers of tokens)", message("gamma:2,3"));
        assertEquals("prompt.tokens 'uniform:4096..512': the range must have 1 ≤ LO ≤ HI", message("uniform:4096..512"));
        assertEquals("prompt.tokens 'uniform:0..5': the range must have 1 ≤ LO ≤ HI", message("uniform:0..5"));
        assertTrue(message("uniform:5-9").startsWith("prompt.tokens 'uniform:5-9': uniform takes LO..HI"));
        assertTrue(message("normal:2048").startsWith("prompt.tokens 'normal:2048': normal takes MEAN,SD"));
        assertEquals("prompt.tokens 'normal:2048,-5': the mean must be at least 1 and SD at least 0",
                message("normal:2048,-5"));
        assertTrue(message("lots").startsWith("prompt.tokens 'lots': 'lots' is not a whole number"));
        assertEquals("prompt.tokens 0 must be at least 1", message("0"));
    }

    private static String message(String raw) {
        return assertThrows(BadInputException.class, () -> LengthDistribution.parse("prompt.tokens", raw)).getMessage();
    }
}

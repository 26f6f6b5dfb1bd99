package llmbench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
    @Test
    void constantArrivalsAreEquallySpacedFromZero() {
        assertArrayEquals(new long[] {0, 250_000, 500_000, 750_000},
                ArrivalSchedule.offsetsUs(ArrivalSchedule.Arrivals.CONSTANT, 4, 1, 4, 1, -1));
    }

    @Test
    void arrivalsAtOrAfterTheDurationAreDropped() {
        assertArrayEquals(new long[] {0, 500_000},
                ArrivalSchedule.offsetsUs(ArrivalSchedule.Arrivals.CONSTANT, 2, 1, 10, 1, 1_000_000));
    }

    @Test
    void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
        long[] a = ArrivalSchedule.offsetsUs(ArrivalSchedule.Arrivals.POISSON, 3, 1, 50, 7, -1);
        assertArrayEquals(a, ArrivalSchedule.offsetsUs(ArrivalSchedule.Arrivals.POISSON, 3, 1, 50, 7, -1));
        assertTrue(a[49] != ArrivalSchedule.offsetsUs(ArrivalSchedule.Arrivals.POISSON, 3, 1, 50, 8, -1)[49]);
    }

    @Test
    void poissonGapsHaveMeanAndStandardDeviationOneOverTheRate() {
        double[] m = moments(ArrivalSchedule.Arrivals.POISSON, 1);
        assertEquals(0.5, m[0], 0.01);
        assertEquals(0.5, m[1], 0.01);
    }

    @Test
    void gammaGapsKeepTheMeanAndHaveCoefficientOfVariationOneOverRootBurstiness() {
        for (double k : new double[] {0.25, 1, 4}) {
            double[] m = moments(ArrivalSchedule.Arrivals.GAMMA, k);
            assertEquals(0.5, m[0], 0.5 * 0.03, "mean at burstiness " + k);
            assertEquals(1 / Math.sqrt(k), m[1] / m[0], 0.05, "cv at burstiness " + k);
        }
    }

    /** Mean and standard deviation of 100 000 gaps at 2 req/s. */
    private static double[] moments(ArrivalSchedule.Arrivals kind, double burstiness) {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 100_000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double g = ArrivalSchedule.gapS(kind, 2, burstiness, rng);
            sum += g;
            sq += g * g;
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(sq / n - mean * mean)};
    }
}

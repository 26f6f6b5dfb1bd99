package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRankTakesTheSeedIndexCeilQnMinusOne() {
        double[] ten = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
        assertEquals(10.0, Percentiles.nearestRank(ten, 0.95));   // ceil(9.5) - 1 = index 9
        assertEquals(5.0, Percentiles.nearestRank(ten, 0.50));    // ceil(5) - 1 = index 4
        assertEquals(1.0, Percentiles.nearestRank(new double[] {1}, 0.95));
        assertNull(Percentiles.nearestRank(new double[0], 0.95));
    }

    @Test
    void medianAveragesTheTwoMiddleValuesOfAnEvenCount() {
        assertEquals(2.5, Percentiles.median(new double[] {4, 1, 3, 2}));
        assertEquals(3.0, Percentiles.median(new double[] {5, 1, 3}));
        assertNull(Percentiles.median(new double[0]));
    }

    @Test
    void indexedTakesSortedAtIntOfQTimesN() {
        double[] eight = {8, 7, 6, 5, 4, 3, 2, 1};
        assertEquals(8.0, Percentiles.indexed(eight, 0.95)); // int(7.6) = 7: the maximum
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = i + 1;
        }
        assertEquals(20.0, Percentiles.indexed(twenty, 0.95)); // int(19.0) = 19
        assertEquals(11.0, Percentiles.indexed(twenty, 0.5));
        assertEquals(0.7, Percentiles.indexed(new double[] {0.7}, 0.99));
        assertNull(Percentiles.indexed(new double[0], 0.99));
    }

    @Test
    void hdrPercentilesStayWithinATenthOfAPercent() {
        LatencyDistribution d = new LatencyDistribution();
        for (int i = 1; i <= 1000; i++) {
            d.recordMicros(i * 1000L);   // 1 ms .. 1000 ms
        }
        assertEquals(0.5, d.percentileSeconds(50), 0.5 * 0.001);
        assertEquals(0.99, d.percentileSeconds(99), 0.99 * 0.001);
        assertEquals(1.0, d.summarySeconds().get("max"), 0.001);
        assertEquals(1000, d.count());
    }

    @Test
    void distributionsAddUp() {
        LatencyDistribution a = new LatencyDistribution();
        LatencyDistribution b = new LatencyDistribution();
        a.recordMicros(1_000);
        b.recordMicros(3_000);
        a.add(b);
        assertEquals(2, a.count());
        assertEquals(0.002, a.summarySeconds().get("mean"), 1e-5);
    }
}

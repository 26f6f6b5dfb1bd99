package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SeedOrderStatsTest {
    @Test
    void medianAveragesTheTwoMiddleValuesOfAnEvenCount() {
        assertEquals(2.5, SeedOrderStats.median(new double[] {4, 1, 3, 2}));
        assertEquals(3.0, SeedOrderStats.median(new double[] {5, 1, 3}));
        assertNull(SeedOrderStats.median(new double[0]));
    }

    @Test
    void indexedTakesSortedAtIntOfQTimesN() {
        double[] eight = {8, 7, 6, 5, 4, 3, 2, 1};
        assertEquals(8.0, SeedOrderStats.indexed(eight, 0.95)); // int(7.6) = 7: the maximum
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = i + 1;
        }
        assertEquals(20.0, SeedOrderStats.indexed(twenty, 0.95)); // int(19.0) = 19
        assertEquals(11.0, SeedOrderStats.indexed(twenty, 0.5));
        assertEquals(0.7, SeedOrderStats.indexed(new double[] {0.7}, 0.99));
    }
}

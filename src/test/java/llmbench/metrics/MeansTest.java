package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeansTest {
    @Test
    void aMeanIsExactWhateverTheOrderOfItsValues() {
        // 1e16 + 1 + (−1e16) + 1: a left-to-right double sum loses the first 1 and gives 0.25
        assertEquals(0.5, Means.of(new double[] {1e16, 1, -1e16, 1}));
        assertEquals(0.5, Means.of(new double[] {1, 1, 1e16, -1e16}));
        assertEquals(0.2, Means.of(new double[] {0.1, 0.3}));
        assertNull(Means.of(new double[0]));
    }

    @Test
    void ofPresentLeavesNullsOut() {
        assertEquals(2.0, Means.ofPresent(Arrays.asList(1.0, null, 3.0)));
        assertNull(Means.ofPresent(Arrays.asList(null, null)));
    }

    @Test
    void extractResultsMeansSkipZerosAndAreZeroOverNothing() {
        assertEquals(3.0, Means.ofNonZero(Arrays.asList(2.0, 0.0, null, 4.0)));
        assertEquals(-1.0, Means.ofNonZero(List.of(-1.0, 0.0)));
        assertEquals(0.0, Means.ofNonZero(List.of(0.0)));
        assertEquals(4.0, Means.ofPositive(List.of(-1.0, 0.0, 4.0)));
        assertEquals(0.0, Means.ofPositive(List.of(-1.0)));
    }
}

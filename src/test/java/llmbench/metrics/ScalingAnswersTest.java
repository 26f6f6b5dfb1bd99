package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import llmbench.metrics.ScalingAnswers.Point;
import org.junit.jupiter.api.Test;

class ScalingAnswersTest {
    @Test
    void saturationIsTheFirstKWhoseGainFallsBelowTheThreshold() {
        // gains: 2→ +50 %, 3 → +20 %, 4 → +5 % (first below 10 %), 5 → +15 % (ignored: already saturated)
        ScalingAnswers a = ScalingAnswers.of(List.of(new Point(1, 100, 1.0), new Point(2, 150, 1.2),
                new Point(3, 180, 1.5), new Point(4, 189, 2.0), new Point(5, 217.35, 2.4)), 0.10);
        assertTrue(a.throughputRises());
        assertEquals(4, a.saturationK());
        assertEquals(0.5, a.steps().get(0).throughputGain(), 1e-12);
        assertEquals(0.05, a.steps().get(2).throughputGain(), 1e-12);
        assertEquals(0.5, a.steps().get(2).latencyCostPerRequestS(), 1e-12);   // (2.0 - 1.5) / 1
        assertEquals(0.35, a.latencyCostPerRequestS(), 1e-12);                 // (2.4 - 1.0) / 4
    }

    @Test
    void latencyCostIsPerAddedRequestWhenKSkipsValues() {
        ScalingAnswers a = ScalingAnswers.of(List.of(new Point(1, 100, 1.0), new Point(4, 300, 2.5)), 0.10);
        assertEquals(0.5, a.steps().get(0).latencyCostPerRequestS(), 1e-12);   // 1.5 s over 3 added requests
        assertNull(a.saturationK());
    }

    @Test
    void fallingThroughputIsReportedAsNotRising() {
        ScalingAnswers a = ScalingAnswers.of(List.of(new Point(1, 100, 1.0), new Point(2, 90, 2.0)), 0.10);
        assertFalse(a.throughputRises());
        assertEquals(2, a.saturationK());
    }

    @Test
    void oneBatchSizeAnswersNothingAboutScaling() {
        ScalingAnswers a = ScalingAnswers.of(List.of(new Point(3, 100, 1.0)), 0.10);
        assertFalse(a.throughputRises());
        assertNull(a.saturationK());
        assertNull(a.latencyCostPerRequestS());
    }

    @Test
    void aGainOverAKWithNoThroughputIsUnknownAndDecidesNothing() {
        // k=1 all failed (0 tok/s): its gain to k=2 is unknown, not 0 (which would call k=2 saturated)
        ScalingAnswers a = ScalingAnswers.of(List.of(new Point(1, 0, 1.0), new Point(2, 150, 1.2),
                new Point(3, 155, 1.5)), 0.10);
        assertNull(a.steps().get(0).throughputGain());
        assertEquals(3, a.saturationK());
    }
}

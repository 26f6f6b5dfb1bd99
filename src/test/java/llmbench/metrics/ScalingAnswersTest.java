package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import llmbench.metrics.Interval95.Sign;
import llmbench.metrics.ScalingAnswers.Point;
import llmbench.metrics.ScalingAnswers.Saturation;
import org.junit.jupiter.api.Test;

/** Expected intervals worked by hand (t table: df 1 → 12.706, df 6 → 2.447). */
class ScalingAnswersTest {
    private static Point p(int k, double latency, double... runs) {
        return new Point(k, Means.of(runs), latency, runs);
    }

    @Test
    void aStepClearlyBelowTheThresholdSaturatesAfterStepsClearlyAboveIt() {
        // runs 0.4 tok/s apart: each step's Welch half-width is 12.706 · √(0.04 + 1.21 · 0.04) = 3.778
        ScalingAnswers a = ScalingAnswers.of(List.of(p(1, 1.0, 100, 100.4), p(2, 1.2, 150, 150.4),
                p(4, 1.5, 200, 200.4), p(8, 3.0, 205, 205.4)), 0.10);
        assertEquals(Saturation.SATURATED, a.saturation());
        assertEquals(8, a.saturationK());
        assertEquals(8, a.saturationKFromMeans());
        ScalingAnswers.Step last = a.steps().get(2);
        assertEquals(-15.02, last.beyondThreshold().estimate(), 1e-9);   // 205.2 − 1.1 · 200.2
        assertEquals(-18.798, last.beyondThreshold().low(), 1e-3);
        assertEquals(-11.242, last.beyondThreshold().high(), 1e-3);
        assertEquals(Sign.NO, a.steps().get(0).belowThreshold());
        // slope 13.348 tok/s per k, standard error 3.5277, df 6: [4.716, 21.980]
        assertEquals(Sign.YES, a.throughputRises());
        assertEquals(13.3478, a.throughputTrend().estimate(), 1e-4);
        assertEquals(4.7156, a.throughputTrend().low(), 1e-3);
        assertEquals((3.0 - 1.0) / 7, a.latencyCostPerRequestS(), 1e-12);
    }

    @Test
    void aCurveThatFallsInTheMiddleIsNotCalledRisingByItsEnds() {
        // the largest k's mean (110) beats the smallest's (102), but the trend over all runs is 2.3 ± 4.34
        ScalingAnswers a = ScalingAnswers.of(List.of(p(1, 1, 100, 104), p(2, 1, 96, 100), p(3, 1, 95, 99),
                p(4, 1, 108, 112)), 0.10);
        assertEquals(Sign.INCONCLUSIVE, a.throughputRises());
        assertEquals(2.3, a.throughputTrend().estimate(), 1e-9);
        assertEquals(-2.0384, a.throughputTrend().low(), 1e-3);
        assertEquals(6.6384, a.throughputTrend().high(), 1e-3);
    }

    @Test
    void aNoisyStepIsInconclusiveWhereTheMeansAloneWouldCallSaturation() {
        // gain of the means 115/110 − 1 = 4.5 % < 10 %, but 115 − 1.1 · 110 = −6 ± 12.706 · √(100 + 121)
        ScalingAnswers a = ScalingAnswers.of(List.of(p(1, 1, 100, 120), p(2, 1.1, 105, 125)), 0.10);
        assertEquals(Saturation.INCONCLUSIVE, a.saturation());
        assertNull(a.saturationK());
        assertEquals(2, a.saturationKFromMeans());
        assertEquals(Sign.INCONCLUSIVE, a.steps().get(0).belowThreshold());
        assertEquals(-6 - 12.706 * Math.sqrt(221), a.steps().get(0).beyondThreshold().low(), 1e-6);
    }

    @Test
    void oneRunPerBatchSizeTellsNothingAboutNoise() {
        ScalingAnswers a = ScalingAnswers.of(List.of(p(1, 1.0, 100), p(2, 2.0, 90)), 0.10);
        assertEquals(Sign.INCONCLUSIVE, a.throughputRises());
        assertEquals(Saturation.INCONCLUSIVE, a.saturation());
        assertNull(a.steps().get(0).beyondThreshold().low());
        assertEquals(2, a.saturationKFromMeans());
    }

    @Test
    void everyStepClearlyAboveTheThresholdMeansNoSaturation() {
        ScalingAnswers a = ScalingAnswers.of(List.of(p(1, 1.0, 100, 100.4), p(4, 2.5, 300, 300.4)), 0.10);
        assertEquals(Saturation.NONE, a.saturation());
        assertNull(a.saturationK());
    }

    @Test
    void aGainOverAKWithNoThroughputIsUnknownAndDecidesNothingOnMeans() {
        ScalingAnswers a = ScalingAnswers.of(List.of(p(1, 1.0, 0, 0), p(2, 1.2, 150, 150.4),
                p(3, 1.4, 152, 152.4)), 0.10);
        assertNull(a.steps().get(0).throughputGain());
        assertEquals(3, a.saturationKFromMeans());
        assertEquals(Sign.NO, a.steps().get(0).belowThreshold());
        assertEquals(Saturation.SATURATED, a.saturation());
        assertEquals(3, a.saturationK());
    }
}

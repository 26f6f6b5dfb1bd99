package llmbench.lifecycle.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakVerdictTest {

    @Test
    void releasedComparesAfterStopWithBaselineAgainstTheThreshold() {
        assertTrue(LeakVerdict.released(1000, 1500, 512));
        assertTrue(LeakVerdict.released(1000, 1512, 512));
        assertFalse(LeakVerdict.released(1000, 1513, 512));
        assertTrue(LeakVerdict.released(1000, 900, 0));
    }

    @Test
    void slopeOfAStraightLineIsItsGradientPerMinute() {
        // 2 MB every 10 s = 12 MB/min
        List<LeakVerdict.Point> line = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            line.add(new LeakVerdict.Point(10.0 * i, 500 + 2.0 * i));
        }
        LeakVerdict.Growth g = LeakVerdict.growth(line, 0, 12.0);
        assertTrue(g.judged());
        assertEquals(12.0, g.slopeMbPerMin(), 1e-9);
        assertTrue(g.passed(), "equal to the limit passes");
        assertFalse(LeakVerdict.growth(line, 0, 11.9).passed());
    }

    @Test
    void warmUpSamplesAreLeftOut() {
        // steep rise during the first 30 s, flat afterwards
        List<LeakVerdict.Point> pts = new ArrayList<>();
        for (int t = 0; t < 30; t += 5) {
            pts.add(new LeakVerdict.Point(t, 100 + 20.0 * t));
        }
        for (int t = 30; t <= 80; t += 10) {
            pts.add(new LeakVerdict.Point(t, 700));
        }
        LeakVerdict.Growth g = LeakVerdict.growth(pts, 30, 1.0);
        assertEquals(6, g.samples());
        assertEquals(0.0, g.slopeMbPerMin(), 1e-9);
        assertTrue(g.passed());
        assertFalse(LeakVerdict.growth(pts, 0, 1.0).passed(), "with the warm-up counted it would fail");
    }

    @Test
    void tooFewSamplesAreNotJudged() {
        List<LeakVerdict.Point> pts = List.of(new LeakVerdict.Point(40, 1), new LeakVerdict.Point(50, 1000));
        LeakVerdict.Growth g = LeakVerdict.growth(pts, 30, 1.0);
        assertFalse(g.judged());
        assertTrue(g.passed());
        assertNull(g.slopeMbPerMin());
    }

    @Test
    void samplesAllAtOneTimeHaveNoSlopeAndAreNotJudged() {
        List<LeakVerdict.Point> pts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pts.add(new LeakVerdict.Point(40, 100 + i));
        }
        LeakVerdict.Growth g = LeakVerdict.growth(pts, 30, 1.0);
        assertFalse(g.judged());
        assertNull(g.slopeMbPerMin());
        assertTrue(g.passed());
    }

    @Test
    void aHeapThatGrowsOnceIsNotALeak() {
        // round 2 grows 30 MB (heap sizing), rounds 3 and 4 keep it: one increment under the threshold is enough
        LeakVerdict.RoundGrowth g = LeakVerdict.perRound(List.of(100.0, 130.0, 130.5, 130.4), 4.0, "heap");
        assertTrue(g.judged());
        assertFalse(g.leak());
        assertEquals(List.of(30.0, 0.5, -0.1), g.increments().stream().map(d -> Math.round(d * 10) / 10.0).toList());
        assertTrue(g.detail().contains("growth per round after the first: +30.0 +0.5 -0.1 MB (leak iff every one > 4.0)"), g.detail());
    }

    @Test
    void growthInEveryRoundAboveTheThresholdIsALeak() {
        LeakVerdict.RoundGrowth g = LeakVerdict.perRound(List.of(100.0, 125.0, 150.0, 175.0), 4.0, "heap");
        assertTrue(g.leak());
        assertFalse(LeakVerdict.perRound(List.of(100.0, 104.0, 108.0), 4.0, "heap").leak(), "equal to the threshold is not above it");
    }

    @Test
    void fewerThanThreeRoundsAreNotJudged() {
        LeakVerdict.RoundGrowth g = LeakVerdict.perRound(List.of(100.0, 200.0), 4.0, "heap");
        assertFalse(g.judged());
        assertTrue(g.increments().isEmpty());
    }
}

package llmbench.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalDeviationTest {
    private static final byte[] TOKEN = "data: {}\n\n".getBytes(StandardCharsets.UTF_8);

    /** A stream whose token reads arrive at these times in ms. */
    private static StreamTimeline arrivalsMs(long... ms) {
        StreamTimeline t = new StreamTimeline(ms.length);
        for (long m : ms) {
            t.feed(TOKEN, m * 1_000_000L);
        }
        return t;
    }

    @Test
    void deviationIsTheAbsoluteDifferenceOfEachIntervalFromTheStepTime() {
        // expected 40 ms; intervals 40, 43, 37, 40 → deviations 0, 3, 3, 0 ms
        IntervalDeviation d = IntervalDeviation.of(List.of(arrivalsMs(0, 40, 83, 120, 160)), 0, 1_000_000_000L, 40.0);
        assertEquals(4, d.intervals());
        assertEquals(4, d.tokensInWindow());
        // HdrHistogram with 3 significant digits reports a bucket's highest equivalent value (±0.1 %)
        assertEquals(3000, d.maxDeviationUs(), 3);
        assertEquals(0, d.deviationUs(50));
        assertEquals(3000, d.deviationUs(99), 3);
        assertEquals(40000, d.intervalUs(50), 40);
        assertEquals(50.0, d.percentWithinUs(2000), 1e-9); // 2 of 4 deviations are ≤ 2 ms
    }

    @Test
    void onlyIntervalsWithBothEndsInsideTheWindowCount() {
        // window [40, 120] ms: intervals 40→80 and 80→120 only; 0→40 starts before, 120→300 ends after
        IntervalDeviation d = IntervalDeviation.of(List.of(arrivalsMs(0, 40, 80, 120, 300)),
                40_000_000L, 120_000_000L, 40.0);
        assertEquals(2, d.intervals());
        assertEquals(0, d.maxDeviationUs());
    }

    @Test
    void noIntervalsMeansNoValue() {
        IntervalDeviation d = IntervalDeviation.of(List.of(arrivalsMs(5)), 0, 1_000_000_000L, 40.0);
        assertEquals(0, d.intervals());
        assertEquals(-1, d.deviationUs(99));
        assertEquals(-1, d.intervalUs(50));
    }

    @Test
    void roundsAddUp() {
        IntervalDeviation d = IntervalDeviation.of(List.of(arrivalsMs(0, 40, 80)), 0, 1_000_000_000L, 40.0);
        d.add(List.of(arrivalsMs(0, 45)), 0, 1_000_000_000L, 40.0);
        assertEquals(3, d.intervals());
        assertEquals(3, d.tokensInWindow());
        assertEquals(5000, d.maxDeviationUs(), 5);
    }
}

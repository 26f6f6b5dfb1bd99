package llmbench.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import llmbench.metrics.CacheDeltas;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    @Test
    void hitRateComesFromCounterDeltas() {
        CacheDeltas warm = new CacheDeltas(2.0, 1.0, 1.0, 96.0, 32.0);
        assertEquals(0.75, warm.hitRate());          // (2 + 1) / (2 + 1 + 1)
        assertEquals(0.75, warm.cachedTokenShare()); // 96 / (96 + 32)
        assertNull(new CacheDeltas(null, null, 1.0, null, null).hitRate());
        assertEquals(0.4, CacheDeltas.ttftRatio(0.2, 0.5));
    }

    @Test
    void anUnreachableServerIsNotReportedNotAFailure() {
        Snapshot s = new CounterReader(URI.create("http://127.0.0.1:9"), null, Duration.ofMillis(500))
                .read(CounterReader.SPEC_DECODE);
        assertFalse(s.reported());
        assertTrue(s.note().startsWith("not reported: no answer"), s.note());
    }
}

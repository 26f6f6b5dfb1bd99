package llmbench.lifecycle.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LiveHeapTest {

    @Test
    void totalLineBytesAreTheLiveHeap() {
        String histogram = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         10000        2097152  [B (java.base@17)
                   2:           100           4096  java.lang.String (java.base@17)
                Total         10100        3145728
                """;
        assertEquals(3.0, LiveHeap.totalMb(histogram).getAsDouble(), 1e-9);
        assertTrue(LiveHeap.totalMb("no histogram here").isEmpty());
    }

    @Test
    void aRunningJvmHasALiveHeapAndANonJvmHasNone() throws Exception {
        OptionalDouble self = LiveHeap.ofThisJdk().mb(ProcessHandle.current().pid());
        assertTrue(self.isPresent() && self.getAsDouble() > 1, "live heap of the test JVM: " + self);
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertTrue(LiveHeap.ofThisJdk().mb(sleep.pid()).isEmpty());
        } finally {
            sleep.destroy();
        }
    }
}

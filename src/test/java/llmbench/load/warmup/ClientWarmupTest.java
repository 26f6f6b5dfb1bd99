package llmbench.load.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientWarmupTest {
    @Test
    void byDefaultOnlyBurstsOf64OrMoreStreamsGetTheLoopbackWarmup() {
        assertEquals(0, ClientWarmup.streamsFor(null, 8));
        assertEquals(0, ClientWarmup.streamsFor(null, 63));
        assertEquals(512, ClientWarmup.streamsFor(null, 64));
        assertEquals(512, ClientWarmup.streamsFor(null, 1024));
    }

    @Test
    void aGivenStreamCountWinsOverTheBurstRule() {
        assertEquals(200, ClientWarmup.streamsFor(200, 1));
        assertEquals(0, ClientWarmup.streamsFor(0, 1024));
    }
}

package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;

/** --realtime-priority: the step loop, the event loops and the JVM's pause threads under SCHED_FIFO (policy 1). */
class ReferenceServerRealtimeTest {

    /** Scheduling policy (field 41 of a thread's stat: 0 normal, 1 SCHED_FIFO) per matching thread. */
    private static List<String> policiesOf(String namePrefix) throws IOException {
        return ThreadStat.field(namePrefix, 41);
    }

    @Test
    void priorityOutsideZeroTo99IsABadFlag() {
        assertEquals(2, ReferenceServerMain.run("--realtime-priority", "100"));
        assertEquals(2, ReferenceServerMain.run("--realtime-priority", "-1"));
    }

    @Test
    void aPriorityThatCannotBeAppliedIsOneErrorNamingTheFlag() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThreadPriorities.realtime(5, List.of("no-such-thread")));
        assertEquals("--realtime-priority 5 not applied: no thread named [no-such-thread] found", e.getMessage());
    }

    @Test
    void stepLoopAndEventLoopsRunUnderSchedFifoAndTheServerServes() throws Exception {
        ReferenceServer server;
        try {
            server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny",
                    "--realtime-priority=5"));
        } catch (IllegalArgumentException refused) { // no CAP_SYS_NICE, no chrt, or not Linux here
            assumeTrue(false, refused.getMessage());
            return;
        }
        try (server) {
            assertEquals(Set.of("1"), Set.copyOf(policiesOf("refserver-sched")), "the step loop");
            List<String> io = policiesOf("refserver-io-");
            assertFalse(io.isEmpty());
            assertEquals(Set.of("1"), Set.copyOf(io), "every event loop");
            assertEquals(Set.of("1"), Set.copyOf(policiesOf("VM Thread")), "the JVM's safepoint thread");
            assertEquals(Set.of("0"), Set.copyOf(policiesOf("refserver-accep")), "the acceptor stays normal");
            RefClient.Sse sse = new RefClient(server.baseUrl()).stream("/v1/completions",
                    "{\"prompt\":\"hello\",\"max_tokens\":5,\"stream\":true}");
            assertEquals(5, sse.contentEvents().size());
            assertTrue(policiesOf("refserver-api").stream().allMatch("0"::equals), "API workers stay normal");
        }
        assertEquals(Set.of("0"), Set.copyOf(policiesOf("VM Thread")), "back to normal once closed");
    }
}

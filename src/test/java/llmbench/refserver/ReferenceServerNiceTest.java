package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;

/** --nice: every server thread, and those its threads start later, at that niceness; the embedding JVM's own not. */
class ReferenceServerNiceTest {

    private static final int NICENESS = 19;

    private static List<String> nicenessOf(String namePrefix) throws IOException {
        return ThreadStat.field(namePrefix, NICENESS);
    }

    @Test
    void theServersThreadsAndTheWorkersTheyStartLaterRunAtTheNicenessAndTheEmbeddingJvmsDoNot() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        String before = ThreadStat.ofProcess(NICENESS);
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny",
                "--nice=7"))) {
            assertEquals(Set.of("7"), Set.copyOf(nicenessOf("refserver-sched")), "the step loop");
            List<String> io = nicenessOf("refserver-io-");
            assertFalse(io.isEmpty());
            assertEquals(Set.of("7"), Set.copyOf(io), "every event loop");
            assertEquals(Set.of("7"), Set.copyOf(nicenessOf("refserver-accep")), "the acceptor");
            RefClient.Sse sse = new RefClient(server.baseUrl()).stream("/v1/completions",
                    "{\"prompt\":\"hello\",\"max_tokens\":5,\"stream\":true}");
            assertEquals(5, sse.contentEvents().size());
            List<String> api = nicenessOf("refserver-api");
            assertFalse(api.isEmpty(), "an API worker was started by the request");
            assertEquals(Set.of("7"), Set.copyOf(api), "API workers, started later by an event loop, inherit it");
            assertEquals(before, ThreadStat.ofProcess(NICENESS), "the embedding JVM's own threads keep theirs");
        }
    }

    @Test
    void aNicenessOutsideOneTo19OrBesideARealtimePriorityIsABadFlag() {
        assertEquals(2, ReferenceServerMain.run("--nice", "20"));
        assertEquals(2, ReferenceServerMain.run("--nice", "-1"));
        assertEquals(2, ReferenceServerMain.run("--nice", "5", "--realtime-priority", "5"));
    }
}

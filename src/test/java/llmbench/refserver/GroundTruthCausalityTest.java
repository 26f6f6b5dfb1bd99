package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import llmbench.refserver.groundtruth.GroundTruth;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;

/**
 * The server's write stamps are the ground truth clients are judged by, so no client may see a chunk before the
 * server says it wrote it: 64 streams at once, each client reading on its own thread in this JVM (so it competes
 * with the server for the cores, the case where a stamp taken after the write came late).
 */
class GroundTruthCausalityTest {

    @Test
    void noClientReadsTheFirstOrLastChunkBeforeTheServersStampOfItsWrite() throws Exception {
        int streams = 64;
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            RefClient client = new RefClient(server.baseUrl());
            ExecutorService pool = Executors.newFixedThreadPool(streams);
            List<Future<RefClient.Sse>> replies = new ArrayList<>();
            try {
                for (int i = 0; i < streams; i++) {
                    replies.add(pool.submit(() -> client.stream("/v1/completions",
                            "{\"prompt\":\"causality\",\"max_tokens\":20,\"stream\":true}")));
                }
                List<RefClient.Sse> read = new ArrayList<>();
                for (Future<RefClient.Sse> f : replies) {
                    read.add(f.get());
                }
                Thread.sleep(200); // the last write's listener may still be adding its record
                Map<String, GroundTruth> truth = server.groundTruth().stream()
                        .collect(Collectors.toMap(GroundTruth::id, Function.identity(), (a, b) -> b));
                for (RefClient.Sse sse : read) {
                    FirstText first = FirstText.of(sse);
                    GroundTruth t = truth.get(first.id());
                    assertNotNull(t, "the server knows " + first.id());
                    assertTrue(t.firstContentWrittenEpochUs() <= first.arrivalUs(), "first chunk of " + first.id()
                            + " read at " + first.arrivalUs() + ", stamped written at " + t.firstContentWrittenEpochUs());
                    long lastArrival = sse.arrivalUs().get(sse.arrivalUs().size() - 1); // [DONE], in the final write
                    assertTrue(t.lastChunkWrittenEpochUs() <= lastArrival, "last chunk of " + first.id()
                            + " read at " + lastArrival + ", stamped written at " + t.lastChunkWrittenEpochUs());
                }
                assertTrue(truth.size() >= streams, "a record per stream");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A reply's id and the arrival of its first event with text. */
    private record FirstText(String id, long arrivalUs) {
        static FirstText of(RefClient.Sse sse) {
            for (int i = 0; i < sse.data().size(); i++) {
                String d = sse.data().get(i);
                if (d.equals("[DONE]")) {
                    continue;
                }
                var e = RefClient.json(d);
                if (e.path("choices").size() == 1 && !RefClient.Sse.textOf(e).isEmpty()) {
                    return new FirstText(e.path("id").asText(), sse.arrivalUs().get(i));
                }
            }
            throw new AssertionError("no event with text in " + sse.data());
        }
    }
}

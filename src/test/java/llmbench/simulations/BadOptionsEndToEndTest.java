package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import llmbench.run.Fatal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options a user gets wrong end the run in its own JVM, before anything starts: one line naming the
 * problem, exit status {@link Fatal#BAD_INPUT_EXIT}, no embedded server started, no file written or replaced.
 */
class BadOptionsEndToEndTest {
    private static final String EARLIER = "bench_batch_baseline_20260101_000000.json";

    private static void refusedBeforeAnythingStarts(String simulation, Map<String, String> options, String line,
                                                    Path results) throws Exception {
        refusedBeforeAnythingStarts(simulation, options, line, true, results);
    }

    /** @param exact whether {@code line} is the whole message or its start */
    private static void refusedBeforeAnythingStarts(String simulation, Map<String, String> options, String line,
                                                    boolean exact, Path results) throws Exception {
        Files.writeString(results.resolve(EARLIER), "{\"earlier\": true}");
        Map<String, String> props = new java.util.HashMap<>(options);
        props.put("results.dir", results.toString());
        GatlingProcess.Outcome run = GatlingProcess.run(simulation, props, results.resolve("gatling.log"), 120);
        assertEquals(Fatal.BAD_INPUT_EXIT, run.exitCode(), run.output());
        List<String> ours = run.output().lines().filter(l -> l.startsWith("gatling-llm-bench:")).toList();
        assertEquals(1, ours.size(), run.output());
        assertTrue(exact ? ours.get(0).equals("gatling-llm-bench: error: " + line)
                : ours.get(0).startsWith("gatling-llm-bench: error: " + line), run.output());
        assertTrue(run.output().lines().noneMatch(l -> l.contains("Exception")), run.output());
        try (Stream<Path> files = Files.list(results)) {
            assertEquals(List.of(EARLIER, "gatling.log"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("{\"earlier\": true}", Files.readString(results.resolve(EARLIER)));
    }

    @Test
    void aMistypedOptionNameEndsTheRunWithTheNearestName(@TempDir Path results) throws Exception {
        refusedBeforeAnythingStarts("BatchSimulation", Map.of("batch.sizez", "1,2"),
                "unknown option batch.sizez; did you mean batch.sizes?", results);
    }

    @Test
    void anEmptyLabelEndsTheRunInsteadOfRunningAsBaseline(@TempDir Path results) throws Exception {
        refusedBeforeAnythingStarts("BatchSimulation", Map.of("label", ""),
                "label is empty; give a value or leave -Dlabel out (default: baseline)", results);
    }

    @Test
    void streamsBeyondTheOpenFileLimitOrTheQueueEndTheRunBeforeAnyIsOpened(@TempDir Path results) throws Exception {
        // Which limit speaks first depends on the machine's open-file limit (ulimit -n): 20,000 here.
        refusedBeforeAnythingStarts("ConcurrentSimulation", Map.of("concurrency.levels", "1,3,5,100000"),
                "concurrency.levels: 100,000 streams at once ", false, results);
    }

    @Test
    void badInputDoesNotExitWithTheStatusTheMavenPluginReadsAsFailedAssertions() {
        assertNotEquals(2, Fatal.BAD_INPUT_EXIT);
    }

    @Test
    void moreStreamsThanTheEmbeddedServerQueuesEndTheRun(@TempDir Path results) throws Exception {
        refusedBeforeAnythingStarts("ConcurrentSimulation", Map.of("concurrency.levels", "1,3,5,1000"),
                "concurrency.levels: 1,000 streams at once exceed the embedded reference server's queue (128 "
                        + "requests; more are refused with HTTP 503); ask for at most 128, or measure a server of your "
                        + "own with -Dtarget.url", results);
    }

    @Test
    void aModelTheEmbeddedServerDoesNotServeEndsTheRun(@TempDir Path results) throws Exception {
        refusedBeforeAnythingStarts("BatchSimulation", Map.of("target.model", "nonexistent-model"),
                "target.model nonexistent-model: the embedded reference server serves only reference-model; leave "
                        + "-Dtarget.model out, or measure a server that has it with -Dtarget.url", results);
    }
}

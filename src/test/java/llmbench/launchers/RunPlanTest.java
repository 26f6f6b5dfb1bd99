package llmbench.launchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run_plan.sh shortened: phases 1 and 2 against the reference server (tiny profile), BatchSimulation with
 * tiny settings plus a simulation that does not exist. Phase 2's seed flags (--kv-bits 8 ...) are not
 * accepted by the reference server yet, so SERVER_FLAGS="" launches it with none; the label is still fp8.
 * Phase 1 runs inside the lifecycle harness (--leak-check), phase 2 with the plain launch and stop scripts.
 */
class RunPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoPhasesGiveLabelledResultsATimeTableAndACopyInReports(@TempDir Path dir) throws Exception {
        int port = Scripts.freePort();
        Path results = dir.resolve("results");
        Path reports = dir.resolve("reports");
        Map<String, String> env = Scripts.referenceEnv(dir.resolve("run"), port);
        env.put("SERVER_FLAGS", "");
        env.put("LIFECYCLE_CLASSPATH", Scripts.classpath());
        env.put("LIFECYCLE_JAVA_OPTS", "-Xmx128m");
        try {
            Scripts.Outcome o = Scripts.run(env, 240, "run_plan.sh", "--phases", "1,2",
                    "--simulations", "BatchSimulation,NoSuchSimulation", "--port", Integer.toString(port),
                    "--results-dir", results.toString(), "--reports-dir", reports.toString(), "--no-compile",
                    "--max-tokens", "16", "--sim-args", "-Dbatch.sizes=1,2 -Dbatch.runs=1 -Dbatch.pause.run.s=0 -Dbatch.pause.k.s=0",
                    "--leak-check", "--leak-args", "--settle-s 0.5 --sample-interval-s 0.5 --leak-threshold-mb 8192 "
                            + "--slope-threshold-mb-per-min 100000");
            assertEquals(1, o.exitCode(), "the missing simulation fails the plan\n" + o.all());
            assertTrue(o.stdout().contains("phase 1 (baseline) NoSuchSimulation: failed"), o.all());
            assertTrue(o.stdout().contains("phase 2 (fp8) BatchSimulation: passed"), "ran on past the failure\n" + o.all());

            for (String label : List.of("baseline", "fp8")) {
                Path file = onlyFile(results, "bench_batch_" + label + "_", ".json");
                JsonNode r = JSON.readTree(file.toFile());
                assertEquals("batch_inference", r.path("benchmark").asText());
                assertEquals("http://127.0.0.1:" + port, r.path("server_url").asText());
                assertEquals(16, r.path("max_tokens").asInt());
                assertEquals(2, r.path("results").size(), "k = 1, 2");
                assertTrue(Files.exists(reports.resolve(todayUtc()).resolve(file.getFileName())), "copied to reports");
            }
            JsonNode lifecycle = JSON.readTree(onlyFile(results, "lifecycle_baseline_", ".json").toFile());
            assertTrue(lifecycle.path("passed").asBoolean(), lifecycle.path("steps").toPrettyString());
            List<String> steps = new java.util.ArrayList<>();
            lifecycle.path("steps").forEach(st -> steps.add(st.path("name").asText()));
            assertEquals(List.of("server_launch", "loaded_memory", "smoke_request",
                    "leak_round:1", "leak_round:2", "leak_round:3", "leak_round:4", "external:1:BatchSimulation", "shutdown",
                    "memory_released", "memory_growth", "no_residual_processes"), steps);
            Path planDir = onlyFile(results, "plan_", "");
            List<String> table = Files.readAllLines(planDir.resolve("time_table.md"));
            assertEquals("| phase | label | load s | test s | total s | status |", table.get(0));
            assertTrue(table.get(2).matches("\\| 1 \\| baseline \\| \\d+\\.\\d{3} \\| \\d+\\.\\d{3} \\| \\d+\\.\\d{3} \\| failed \\|"), table.get(2));
            assertTrue(table.get(3).startsWith("| 2 | fp8 | "), table.get(3));
            assertTrue(table.get(4).startsWith("| **all** |"), table.get(4));
            String tests = Files.readString(planDir.resolve("tests.tsv"));
            assertTrue(tests.contains("1\tbaseline\tNoSuchSimulation\tfailed\t"), tests);
            assertTrue(tests.contains("not available"), tests);
            assertTrue(tests.contains("1\tbaseline\tBatchSimulation\tpassed\t"), tests);
            assertTrue(tests.contains("2\tfp8\tBatchSimulation\tpassed\t"), tests);
            assertFalse(Scripts.listening(port), "no server left behind");
            assertFalse(Files.exists(dir.resolve("run").resolve("server.pid")));
        } finally {
            Scripts.killRecorded(dir.resolve("run"));
        }
    }

    @Test
    void dryRunListsOneLaunchTestsAndStopPerPhaseInThePlansOrder(@TempDir Path dir) throws Exception {
        Scripts.Outcome o = Scripts.run(Scripts.referenceEnv(dir, 9), 30, "run_plan.sh", "--dry-run", "--phases", "1,3,3d,5");
        assertEquals(0, o.exitCode(), o.all());
        List<String> lines = o.stdout().lines().toList();
        assertEquals("phase 1 (baseline): ENGINE=reference SPEC_DYNAMIC=on ADAPTIVE_K=on NAME=baseline launchers/launch_baseline.sh", lines.get(0));
        assertEquals(List.of("ApiComprehensiveSimulation", "SingleSimulation", "BatchSimulation", "ConcurrentSimulation",
                "CacheSimulation", "NgramSimulation", "MemorySimulation"), testsOf(lines, "phase 1 "),
                "phase 1 runs the n-gram prompts without speculation: the baseline of phase 3's speedup");
        assertTrue(lines.contains("phase 3 (ngram4_k5): ENGINE=reference SPEC_DYNAMIC=off ADAPTIVE_K=off NAME=ngram4_k5 launchers/launch_ngram.sh"),
                "phase 3 holds speculation on at K drafts a step\n" + o.all());
        assertEquals(List.of("NgramSimulation", "SingleSimulation", "spec_decode_metrics"), testsOf(lines, "phase 3 (ngram4_k5)"));
        assertTrue(lines.contains("phase 3d (ngram4_k5_dynamic): ENGINE=reference SPEC_DYNAMIC=on ADAPTIVE_K=on NAME=ngram4_k5_dynamic "
                + "launchers/launch_ngram.sh"), o.all());
        assertEquals(List.of("NgramSimulation", "spec_decode_metrics"), testsOf(lines, "phase 3d (ngram4_k5_dynamic)"));
        assertEquals(List.of("SingleSimulation", "ConcurrentSimulation", "NgramSimulation", "MemorySimulation", "CacheSimulation"),
                testsOf(lines, "phase 5 (all_features)"));
        assertEquals(4, lines.stream().filter(l -> l.equals("  stop: launchers/stop.sh")).count());

        Map<String, String> llama = Scripts.referenceEnv(dir, 9);
        llama.put("ENGINE", "llama-server");
        Scripts.Outcome l = Scripts.run(llama, 30, "run_plan.sh", "--dry-run", "--phases", "3,3d");
        assertEquals(0, l.exitCode(), l.all());
        assertTrue(l.stdout().contains("  test spec_decode_metrics: skipped (llama-server has no /v1/spec_decode/metrics)"), l.all());
        assertTrue(l.stdout().contains("phase 3d (ngram4_k5_dynamic): skipped (llama-server has no dynamic speculation controller)"),
                l.all());

        Scripts.Outcome bad = Scripts.run(Scripts.referenceEnv(dir, 9), 30, "run_plan.sh", "--phases", "1,9");
        assertEquals(2, bad.exitCode(), bad.all());
        assertTrue(bad.stderr().contains("unknown phase '9'"), bad.all());
    }

    @Test
    void sweepDryRunRestartsOncePerCombinationWithItsLabel(@TempDir Path dir) throws Exception {
        Scripts.Outcome plan = Scripts.run(Scripts.referenceEnv(dir, 9), 60, "sweep_ngram.sh", "--dry-run");
        assertEquals(0, plan.exitCode(), plan.all());
        List<String> combos = plan.stdout().lines().filter(l -> l.startsWith("combination ")).toList();
        assertEquals(16, combos.size());
        assertEquals("combination 1: ngram-max 2, K 3, threshold server default, label ngram2_k3", combos.get(0));
        assertEquals("combination 16: ngram-max 6, K 10, threshold server default, label ngram6_k10", combos.get(15));
        assertEquals(16, plan.stdout().lines().filter(l -> l.contains("launchers/launch_ngram.sh")).count());
        assertEquals(16, plan.stdout().lines().filter(l -> l.startsWith("  server flags: ") && l.endsWith(" --no-adaptive-k")).count(),
                plan.all());

        Scripts.Outcome seed = Scripts.run(Scripts.referenceEnv(dir, 9), 60, "sweep_ngram.sh", "--dry-run", "--preset", "seed",
                "--simulations", "NgramSimulation");
        assertEquals(12, seed.stdout().lines().filter(l -> l.startsWith("combination ")).count(), seed.all());
        assertTrue(seed.stdout().contains("label ngram5_k7"), seed.all());
        assertEquals(12, seed.stdout().lines().filter(l -> l.contains("test NgramSimulation")).count());

        Scripts.Outcome thresholds = Scripts.run(Scripts.referenceEnv(dir, 9), 60, "sweep_ngram.sh", "--dry-run",
                "--k", "5", "--ngram-max", "3,4", "--thresholds", "0.3,0.2", "--simulations", "NgramSimulation");
        assertEquals(0, thresholds.exitCode(), thresholds.all());
        assertEquals(List.of("combination 1: ngram-max 3, K 5, threshold 0.3, label ngram3_k5_t0.3",
                        "combination 2: ngram-max 3, K 5, threshold 0.2, label ngram3_k5_t0.2",
                        "combination 3: ngram-max 4, K 5, threshold 0.3, label ngram4_k5_t0.3",
                        "combination 4: ngram-max 4, K 5, threshold 0.2, label ngram4_k5_t0.2"),
                thresholds.stdout().lines().filter(l -> l.startsWith("combination ")).toList());
        assertTrue(thresholds.stdout().contains("  server flags: --no-ssd --kv-bits 0 --spec-decode ngram --ngram-max 4 "
                + "--num-speculative-tokens 5 --no-adaptive-k --spec-decode-acceptance-threshold 0.2\n"), thresholds.all());
        assertTrue(thresholds.stdout().contains("-Dlabel=ngram4_k5_t0.2 "), thresholds.all());

        for (List<String> args : List.of(List.of("--k", "0"), List.of("--thresholds", "0.3,high"), List.of("--preset", "nope"), List.of("--phases", "1"), List.of("stray"))) {
            String[] a = Stream.concat(Stream.of("--dry-run"), args.stream()).toArray(String[]::new);
            Scripts.Outcome bad = Scripts.run(Scripts.referenceEnv(dir, 9), 30, "sweep_ngram.sh", a);
            assertEquals(2, bad.exitCode(), args + "\n" + bad.all());
            assertEquals(1, bad.stderr().strip().lines().count(), bad.all());
        }
    }

    private static List<String> testsOf(List<String> lines, String phasePrefix) {
        int start = 0;
        while (!lines.get(start).startsWith(phasePrefix)) {
            start++;
        }
        return lines.subList(start + 1, lines.size()).stream().takeWhile(l -> l.startsWith("  test "))
                .map(l -> l.substring(7, l.indexOf(':'))).toList();
    }

    private static Path onlyFile(Path dir, String prefix, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> match = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(suffix) && !p.toString().endsWith("_partial.json")).toList();
            assertEquals(1, match.size(), prefix + "*" + suffix + " in " + dir + ": " + match);
            return match.get(0);
        }
    }

    private static String todayUtc() {
        return java.time.LocalDate.now(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    }
}

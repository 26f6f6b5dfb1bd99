package llmbench.launchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box: launchers/lifecycle.sh around the reference server (tiny profile) on a free loopback port. */
class LifecycleScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> env(Path dir, int port) {
        Map<String, String> env = Scripts.referenceEnv(dir.resolve("run"), port);
        env.put("LIFECYCLE_CLASSPATH", Scripts.classpath());
        env.put("LIFECYCLE_JAVA_OPTS", "-Xmx128m");
        return env;
    }

    private static String requests(int n, long pauseMs) {
        return "'" + Scripts.java() + "' -Xmx64m -cp '" + Scripts.classpath() + "' " + RequestLoop.class.getName() + " " + n + " " + pauseMs;
    }

    @Test
    void everyStepIsReportedAndAFailingTestFailsTheRunButNotTheOthers(@TempDir Path dir) throws Exception {
        int port = Scripts.freePort();
        Path report = dir.resolve("lifecycle.json");
        try {
            Scripts.Outcome o = Scripts.run(env(dir, port), 120, "lifecycle.sh", "--report", report.toString(),
                    "--sample-interval-s", "0.2", "--warmup-s", "0", "--settle-s", "0.5", "--leak-threshold-mb", "8192",
                    "--slope-threshold-mb-per-min", "100000",
                    "--run-tests", requests(20, 50), "echo \"url=$SERVER_URL\"; exit 4");
            assertEquals(1, o.exitCode(), o.all());
            JsonNode r = JSON.readTree(report.toFile());
            assertFalse(r.path("passed").asBoolean());
            List<String> names = new ArrayList<>();
            r.path("steps").forEach(s -> names.add(s.path("name").asText() + "=" + s.path("passed").asBoolean()));
            assertEquals(List.of("server_launch=true", "loaded_memory=true", "smoke_request=true",
                    "leak_round:1=true", "leak_round:2=true", "leak_round:3=true", "leak_round:4=true",
                    "external:1:java=true", "external:2:echo=false", "shutdown=true", "memory_released=true",
                    "memory_growth=true", "no_residual_processes=true"), names, o.all());
            JsonNode rounds = r.path("checkpoints").path("growth_per_round");
            assertTrue(rounds.path("signal").asText().startsWith("server live heap"), rounds.toString());
            assertEquals(4, rounds.path("after_round_mb").size(), rounds.toString());
            assertFalse(rounds.path("leak").asBoolean(), rounds.toString());
            String log = Files.readString(Path.of(r.path("logs_dir").asText(), "2_echo.log"));
            assertEquals("url=http://127.0.0.1:" + port, log.strip());
            int duringTests = 0;
            for (JsonNode s : r.path("samples")) {
                if (s.path("step").asText().startsWith("external:1") && s.path("server_rss_mb").asDouble() > 10) {
                    duringTests++;
                }
            }
            assertTrue(duringTests >= 3, "server RSS sampled while the test ran: " + duringTests + " samples");
            for (String c : List.of("baseline", "loaded", "tests_done", "after_stop")) {
                assertTrue(r.path("checkpoints").path(c).path("system_used_mb").asDouble() > 0, c);
            }
            assertTrue(r.path("checkpoints").path("loaded").path("server_rss_mb").asDouble() > 10);
            assertFalse(Scripts.listening(port));
        } finally {
            Scripts.killRecorded(dir.resolve("run"));
        }
    }

    @Test
    void aTakenPortFailsThePreflightWithExit2(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Scripts.Outcome o = Scripts.run(env(dir, taken.getLocalPort()), 60, "lifecycle.sh",
                    "--report", dir.resolve("r.json").toString(), "--run-tests", "true");
            assertEquals(2, o.exitCode(), o.all());
            assertTrue(o.stderr().contains("pre-flight: 127.0.0.1:" + taken.getLocalPort() + " is already in use"), o.all());
        }
    }

    @Test
    void anInjectedLeakGrowsEveryRoundAndFailsTheVerdict(@TempDir Path dir) throws Exception {
        int port = Scripts.freePort();
        Map<String, String> env = env(dir, port);
        env.put("REFERENCE_EXTRA_FLAGS", "--debug-leak-kb-per-request 2048");
        env.put("REFERENCE_JAVA_OPTS", "-Xmx1g -XX:+UseSerialGC");
        Path report = dir.resolve("leak.json");
        try {
            // 20 requests × 2 MiB retained = 40 MiB per round, far above the 4 MB per round threshold.
            Scripts.Outcome o = Scripts.run(env, 180, "lifecycle.sh", "--report", report.toString(),
                    "--sample-interval-s", "0.25", "--warmup-s", "1", "--settle-s", "0.5", "--leak-threshold-mb", "8192",
                    "--round-requests", "20", "--run-tests", requests(30, 20));
            assertEquals(1, o.exitCode(), o.all());
            JsonNode r = JSON.readTree(report.toFile());
            for (JsonNode s : r.path("steps")) {
                boolean expected = !s.path("name").asText().equals("memory_growth");
                assertEquals(expected, s.path("passed").asBoolean(), s.toString());
            }
            JsonNode increments = r.path("checkpoints").path("growth_per_round").path("increments_mb");
            assertEquals(3, increments.size(), r.path("checkpoints").toString());
            for (JsonNode d : increments) {
                assertEquals(40.0, d.asDouble(), 4.0, "live heap grows by the 40 MiB retained per round: " + increments);
            }
        } finally {
            Scripts.killRecorded(dir.resolve("run"));
        }
    }
}

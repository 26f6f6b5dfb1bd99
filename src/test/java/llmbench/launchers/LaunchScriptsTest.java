package llmbench.launchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box: launch and stop scripts against real processes on loopback ports. */
class LaunchScriptsTest {

    @Test
    void baselineLaunchWaitsForHealthRecordsLoadTimeAndStopLeavesNothingBehind(@TempDir Path runDir) throws Exception {
        int port = Scripts.freePort();
        Map<String, String> env = Scripts.referenceEnv(runDir, port);
        try {
            Scripts.Outcome up = Scripts.run(env, 90, "launch_baseline.sh");
            assertEquals(0, up.exitCode(), up.all());
            assertTrue(up.stdout().contains("ready at http://127.0.0.1:" + port), up.all());
            long pid = Long.parseLong(Files.readString(runDir.resolve("server.pid")).strip());
            assertTrue(Scripts.alive(pid));
            double loadS = Double.parseDouble(Files.readString(runDir.resolve("baseline.load_time_s")).strip());
            assertTrue(loadS > 0 && loadS < 60, "load time " + loadS);
            assertTrue(Files.readString(runDir.resolve("baseline.log")).contains("Reference server listening on"));
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());

            Scripts.Outcome second = Scripts.run(env, 30, "launch_baseline.sh");
            assertNotEquals(0, second.exitCode(), "a second launch into the same run dir is refused");

            Scripts.Outcome down = Scripts.run(env, 60, "stop.sh");
            assertEquals(0, down.exitCode(), down.all());
            assertTrue(down.stdout().contains("(SIGTERM)"), down.all());
            assertFalse(Scripts.alive(pid), "server process gone");
            assertFalse(Scripts.listening(port), "port free");
            assertFalse(Files.exists(runDir.resolve("server.pid")));
        } finally {
            Scripts.killRecorded(runDir);
        }
    }

    @Test
    void referenceEngineLlamaServesTheGgufFileUnderItsNameAndStopsCleanly(@TempDir Path runDir) throws Exception {
        Path model = llmbench.llama.TestModel.file();
        int port = Scripts.freePort();
        Map<String, String> env = Scripts.referenceEnv(runDir, port);
        env.put("REFERENCE_ENGINE", "llama");
        env.put("MODEL_FILE", model.toString());
        try {
            Scripts.Outcome up = Scripts.run(env, 90, "launch_baseline.sh");
            assertEquals(0, up.exitCode(), up.all());
            long pid = Long.parseLong(Files.readString(runDir.resolve("server.pid")).strip());
            assertTrue(Files.readString(runDir.resolve("baseline.cmd")).contains("--engine llama --model " + model),
                    Files.readString(runDir.resolve("baseline.cmd")));
            HttpClient http = HttpClient.newHttpClient();
            String models = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(models.contains("\"id\":\"stories260K\""), models);
            HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/v1/chat/completions")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], "
                            + "\"max_tokens\": 8}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, chat.statusCode(), chat.body());
            assertTrue(chat.body().contains("\"timings\""), chat.body());

            Scripts.Outcome down = Scripts.run(env, 60, "stop.sh");
            assertEquals(0, down.exitCode(), down.all());
            assertTrue(down.stdout().contains("(SIGTERM)"), down.all());
            assertFalse(Scripts.alive(pid), "server process gone");
            assertFalse(Scripts.listening(port), "port free");
        } finally {
            Scripts.killRecorded(runDir);
        }
    }

    @Test
    void stopEscalatesToSigkillWhenTheServerIgnoresSigterm(@TempDir Path runDir) throws Exception {
        int port = Scripts.freePort();
        Map<String, String> env = stubEnv(runDir, port, "--ignore-term --port " + port);
        env.put("STOP_GRACE_S", "2");
        try {
            long pid = launched(env, runDir);
            Scripts.Outcome down = Scripts.run(env, 60, "stop.sh");
            assertEquals(0, down.exitCode(), down.all());
            assertTrue(down.stdout().contains("still alive after 2s; SIGKILL"), down.all());
            assertFalse(Scripts.alive(pid));
            assertFalse(Scripts.listening(port));
            assertTrue(Files.readString(runDir.resolve("baseline.log")).contains("SIGTERM ignored"));
        } finally {
            Scripts.killRecorded(runDir);
        }
    }

    @Test
    void serverNiceStartsTheServerAtThatNicenessAndStopStillFindsIt(@TempDir Path runDir) throws Exception {
        int port = Scripts.freePort();
        Map<String, String> env = stubEnv(runDir, port, "--port " + port);
        env.put("SERVER_NICE", "7");
        try {
            long pid = launched(env, runDir);
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the ")" closing the command name: state is the 3rd field of stat, nice the 19th
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals("7", f[16], stat);
            Path autogroup = Path.of("/proc", Long.toString(pid), "autogroup");
            if (Files.exists(autogroup)) { // kernels with autogroup scheduling: the server's session group too
                assertTrue(Files.readString(autogroup).strip().endsWith("nice 7"), Files.readString(autogroup));
            }
            Scripts.Outcome down = Scripts.run(env, 60, "stop.sh");
            assertEquals(0, down.exitCode(), down.all());
            assertFalse(Scripts.alive(pid));
        } finally {
            Scripts.killRecorded(runDir);
        }
    }

    @Test
    void aServerNiceOutsideNicesRangeFailsWithOneLineBeforeStarting(@TempDir Path runDir) throws Exception {
        assertLaunchFailsWithoutAServer(runDir, "SERVER_NICE", "high", "SERVER_NICE must be an integer from 0 to 19, got 'high'");
    }

    @Test
    void unknownFlagFailsWithOneLineCarryingTheLogTail(@TempDir Path runDir) throws Exception {
        assertLaunchFailsWithoutAServer(runDir, "EXTRA_FLAGS", "--no-such-flag",
                "exited with code 2 during load; log tail: reference-server: error: Unknown option: '--no-such-flag'");
    }

    @Test
    void takenPortFailsBeforeStartingAnything(@TempDir Path runDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = Scripts.referenceEnv(runDir, taken.getLocalPort());
            Scripts.Outcome up = Scripts.run(env, 60, "launch_baseline.sh");
            assertEquals(1, up.exitCode(), up.all());
            assertOneErrorLine(up, "port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
            assertFalse(Files.exists(runDir.resolve("server.pid")));
        }
    }

    @Test
    void serverDyingDuringLoadFailsWithItsExitCodeAndLogTail(@TempDir Path runDir) throws Exception {
        int port = Scripts.freePort();
        Map<String, String> env = stubEnv(runDir, port, "--exit-after-ms 300 --exit-code 7");
        Scripts.Outcome up = Scripts.run(env, 60, "launch_baseline.sh");
        assertEquals(1, up.exitCode(), up.all());
        assertOneErrorLine(up, "exited with code 7 during load; log tail: stub: loading, will die in 300 ms | stub: fatal: simulated crash during load");
    }

    @Test
    void healthDeadlineKillsAServerThatNeverAnswers(@TempDir Path runDir) throws Exception {
        Map<String, String> env = Scripts.referenceEnv(runDir, Scripts.freePort());
        env.put("ENGINE", "custom");
        env.put("SERVER_CMD", "sleep 30");
        env.put("HEALTH_TIMEOUT_S", "1");
        Scripts.Outcome up = Scripts.run(env, 30, "launch_baseline.sh");
        assertEquals(1, up.exitCode(), up.all());
        assertOneErrorLine(up, "not healthy within 1s");
        assertFalse(Files.exists(runDir.resolve("server.pid")));
    }

    @Test
    void enginesWithoutAFeatureSayItInOneLineWithExit3(@TempDir Path runDir) throws Exception {
        Map<String, String> env = Scripts.referenceEnv(runDir, Scripts.freePort());
        env.put("ENGINE", "vllm");
        Scripts.Outcome ssd = Scripts.run(env, 30, "launch_ssd.sh");
        assertEquals(3, ssd.exitCode(), ssd.all());
        assertOneErrorLine(ssd, "vllm cannot run phase ssd: vllm has no built-in SSD KV-cache tier");
        env.put("ENGINE", "mlx_lm.server");
        Scripts.Outcome mtp = Scripts.run(env, 30, "launch_mtp.sh");
        assertEquals(3, mtp.exitCode(), mtp.all());
        assertOneErrorLine(mtp, "mlx_lm.server cannot run phase mtp");
    }

    /** launch_baseline.sh with {@code setting=value} fails with exit 1 and the one error line, and leaves no pid file. */
    private static void assertLaunchFailsWithoutAServer(Path runDir, String setting, String value, String expected)
            throws Exception {
        Map<String, String> env = Scripts.referenceEnv(runDir, Scripts.freePort());
        env.put(setting, value);
        Scripts.Outcome up = Scripts.run(env, 90, "launch_baseline.sh");
        assertEquals(1, up.exitCode(), up.all());
        assertOneErrorLine(up, expected);
        assertFalse(Files.exists(runDir.resolve("server.pid")));
    }

    /** Runs launch_baseline.sh, which must succeed; the pid it recorded. */
    private static long launched(Map<String, String> env, Path runDir) throws Exception {
        Scripts.Outcome up = Scripts.run(env, 60, "launch_baseline.sh");
        assertEquals(0, up.exitCode(), up.all());
        return Long.parseLong(Files.readString(runDir.resolve("server.pid")).strip());
    }

    /** The launchers' environment with ENGINE=custom running {@link StubServer} with {@code stubArgs}. */
    private static Map<String, String> stubEnv(Path runDir, int port, String stubArgs) {
        Map<String, String> env = Scripts.referenceEnv(runDir, port);
        env.put("ENGINE", "custom");
        env.put("SERVER_CMD", "'" + Scripts.java() + "' -Xmx64m -cp '" + Scripts.classpath() + "' "
                + StubServer.class.getName() + " " + stubArgs);
        return env;
    }

    private static void assertOneErrorLine(Scripts.Outcome o, String expected) {
        assertEquals(1, o.stderr().strip().lines().count(), o.all());
        assertTrue(o.stderr().contains(": error: "), o.all());
        assertTrue(o.stderr().contains(expected), "expected '" + expected + "' in\n" + o.all());
    }
}

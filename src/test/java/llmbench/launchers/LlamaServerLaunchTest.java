package llmbench.launchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import llmbench.llama.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ENGINE=llama-server's command line, built by lib.sh and run against a stand-in {@code llama-server} on PATH
 * (a script that starts {@link StubServer} on the port it is given; llama.cpp is not installed here). The
 * model is the project's GGUF test model, trained context 512 (its header, read independently in
 * {@code GgufHeaderTest}).
 */
class LlamaServerLaunchTest {

    private static Map<String, String> env(Path dir, int port) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = bin.resolve("llama-server");
        Files.writeString(fake, "#!/usr/bin/env bash\n"
                + "while [ $# -gt 0 ]; do [ \"$1\" = --port ] && port=$2; shift; done\n"
                + "exec '" + Scripts.java() + "' -Xmx64m -cp '" + Scripts.classpath() + "' " + StubServer.class.getName()
                + " --port \"$port\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Scripts.referenceEnv(dir.resolve("run"), port);
        env.put("ENGINE", "llama-server");
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        return env;
    }

    private static String launched(Map<String, String> env, String script, String name) throws Exception {
        Path run = Path.of(env.get("RUN_DIR"));
        try {
            Scripts.Outcome up = Scripts.run(env, 60, script);
            assertEquals(0, up.exitCode(), up.all());
            String cmd = Files.readString(run.resolve(name + ".cmd")).strip();
            Scripts.Outcome down = Scripts.run(env, 60, "stop.sh");
            assertEquals(0, down.exitCode(), down.all());
            return cmd;
        } finally {
            Scripts.killRecorded(run);
        }
    }

    @Test
    void defaultsGiveEachOfTheEightSlotsTheModelsFullTrainedContext(@TempDir Path dir) throws Exception {
        Map<String, String> env = env(dir, Scripts.freePort());
        env.put("THREADS", "3");
        Path model = TestModel.file();
        String cmd = launched(env, "launch_baseline.sh", "baseline");
        assertEquals("llama-server --model " + model + " --alias stories260K --host 127.0.0.1 --port " + env.get("PORT")
                + " --parallel 8 --ctx-size 4096 --threads 3", cmd);
    }

    @Test
    void threadsDefaultToTheCoresAndParallelScalesTheContext(@TempDir Path dir) throws Exception {
        Map<String, String> env = env(dir, Scripts.freePort());
        env.put("PARALLEL", "3");
        String cmd = launched(env, "launch_baseline.sh", "baseline");
        assertTrue(cmd.contains(" --parallel 3 --ctx-size 1536 --threads "
                + new String(new ProcessBuilder("getconf", "_NPROCESSORS_ONLN").start().getInputStream().readAllBytes()).strip()), cmd);
    }

    @Test
    void ngramPhaseUsesNgramSimpleWithTheSweepsNAndK(@TempDir Path dir) throws Exception {
        Map<String, String> env = env(dir, Scripts.freePort());
        env.put("NGRAM_MAX", "3");
        env.put("NUM_SPEC_TOKENS", "7");
        String cmd = launched(env, "launch_ngram.sh", "ngram3_k7");
        assertTrue(cmd.endsWith(" --spec-type ngram-simple --spec-ngram-size-n 3 --draft-max 7"), cmd);
    }

    @Test
    void aModelThatIsNotAGgufFileIsRefusedInOneLineBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Map<String, String> env = env(dir, Scripts.freePort());
        env.put("MODEL", "mlx-community/Qwen3-4B-4bit");
        Scripts.Outcome id = Scripts.run(env, 30, "launch_baseline.sh");
        assertEquals(3, id.exitCode(), id.all());
        assertEquals("launch_baseline.sh: error: llama-server cannot run phase baseline: ENGINE=llama-server needs MODEL "
                + "to name a readable GGUF file, got 'mlx-community/Qwen3-4B-4bit'", id.stderr().strip());
        Path text = Files.writeString(dir.resolve("model.gguf"), "not a model");
        env.put("MODEL", text.toString());
        Scripts.Outcome notGguf = Scripts.run(env, 30, "launch_baseline.sh");
        assertEquals(3, notGguf.exitCode(), notGguf.all());
        assertTrue(notGguf.stderr().strip().endsWith("MODEL " + text + " is not a GGUF file (no GGUF magic)"), notGguf.all());
        assertEquals(1, notGguf.stderr().strip().lines().count(), notGguf.all());
        assertFalse(Files.exists(dir.resolve("run").resolve("server.pid")));
    }

    @Test
    void aThresholdLlamaServerDoesNotHaveIsRefused(@TempDir Path dir) throws Exception {
        Map<String, String> env = env(dir, Scripts.freePort());
        env.put("SPEC_THRESHOLD", "0.3");
        Scripts.Outcome o = Scripts.run(env, 30, "launch_ngram.sh");
        assertEquals(3, o.exitCode(), o.all());
        assertTrue(o.stderr().contains("llama-server has no speculation acceptance threshold (SPEC_THRESHOLD)"), o.all());
    }
}

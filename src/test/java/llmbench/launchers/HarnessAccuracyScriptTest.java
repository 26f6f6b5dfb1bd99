package llmbench.launchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** bench_harness_accuracy.sh refuses bad arguments with one line and exit 2, before building or starting anything. */
class HarnessAccuracyScriptTest {

    @Test
    void aZeroStreamCountIsRefusedBeforeAnythingStarts(@TempDir Path out) throws Exception {
        Scripts.Outcome o = run(out, "1,0,8", "50");
        assertEquals(2, o.exitCode(), o.all());
        assertEquals(1, o.stderr().strip().lines().count(), o.all());
        assertTrue(o.stderr().contains("bench_harness_accuracy.sh: error: STREAMS must be a comma-separated list of "
                + "positive integers, got '1,0,8'"), o.all());
        assertFalse(Files.exists(out.resolve("results")), "nothing written");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("HARNESSES", "suite,locust",
                        "HARNESSES must list suite, suite-ahead, naive, seed, got 'suite,locust'"),
                Arguments.of("REPEATS", "0", "REPEATS must be a positive integer, got '0'"),
                Arguments.of("SERVER_NICE", "-5", "SERVER_NICE must be an integer from 0 to 19, got '-5'"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badSettings")
    void aBadSettingIsRefusedWithOneLineBeforeAnythingStarts(String name, String value, String message, @TempDir Path out)
            throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put(name, value);
        Scripts.Outcome o = Scripts.run(withResults(env, out), 30, "bench_harness_accuracy.sh", "8", "50");
        assertEquals(2, o.exitCode(), o.all());
        assertEquals(1, o.stderr().strip().lines().count(), o.all());
        assertTrue(o.stderr().contains("bench_harness_accuracy.sh: error: " + message), o.all());
        assertFalse(Files.exists(out.resolve("results")), "nothing written");
    }

    private static Scripts.Outcome run(Path out, String... args) throws Exception {
        return Scripts.run(withResults(new HashMap<>(), out), 30, "bench_harness_accuracy.sh", args);
    }

    private static Map<String, String> withResults(Map<String, String> env, Path out) {
        env.put("RESULTS_DIR", out.resolve("results").toString());
        return env;
    }
}

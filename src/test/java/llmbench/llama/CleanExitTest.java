package llmbench.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM whose main loads, generates, closes and returns must end by itself (bindings issue: leaked thread). */
class CleanExitTest {

    @TempDir
    Path dir;

    @Test
    void childJvmExitsWithinSecondsAfterMainReturns() throws Exception {
        Path model = TestModel.file();
        Path out = dir.resolve("child.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ExitProbeMain.class.getName(), model.toString()))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            boolean exited = child.waitFor(45, TimeUnit.SECONDS);
            long exitedAt = System.nanoTime();
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertTrue(exited, "child JVM still running 45 s after start; output tail:\n" + tail(output));
            assertEquals(0, child.exitValue(), tail(output));
            assertTrue(output.contains("probe generated 8"), tail(output));
            long closedAt = Long.parseLong(output.lines().filter(l -> l.startsWith("probe closed "))
                    .findFirst().orElseThrow().substring("probe closed ".length()).trim());
            // System.nanoTime is shared by JVMs on one machine (CLOCK_MONOTONIC on Linux).
            double secondsAfterClose = (exitedAt - closedAt) / 1e9;
            System.out.printf("child JVM exited %.3f s after main returned%n", secondsAfterClose);
            assertTrue(secondsAfterClose < 3.0, "child exited " + secondsAfterClose + " s after main returned");
        } finally {
            child.destroyForcibly();
        }
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
    }
}

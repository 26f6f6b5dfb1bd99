package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import llmbench.llama.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM that ran the reference server with the llama engine and closed it ends by itself once main returns. */
class ReferenceServerLlamaCleanExitTest {

    @Test
    void childJvmExitsWithinSecondsAfterMainClosedTheServerAndReturned(@TempDir Path dir) throws Exception {
        Path model = TestModel.file();
        Path out = dir.resolve("child.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", cp,
                LlamaServerExitProbeMain.class.getName(), model.toString()))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            boolean exited = child.waitFor(60, TimeUnit.SECONDS);
            long exitedAt = System.nanoTime();
            String output = Files.readString(out, StandardCharsets.UTF_8);
            String tail = output.length() <= 3000 ? output : output.substring(output.length() - 3000);
            assertTrue(exited, "child JVM still running 60 s after start; output tail:\n" + tail);
            assertEquals(0, child.exitValue(), tail);
            assertTrue(output.contains("last [DONE]"), tail);
            long closedAt = Long.parseLong(output.lines().filter(l -> l.startsWith("probe closed "))
                    .findFirst().orElseThrow().substring("probe closed ".length()).trim());
            double secondsAfterClose = (exitedAt - closedAt) / 1e9;
            System.out.printf("child JVM exited %.3f s after main closed the server and returned%n", secondsAfterClose);
            assertTrue(secondsAfterClose < 3.0, "child exited " + secondsAfterClose + " s after main returned");
        } finally {
            child.destroyForcibly();
        }
    }
}

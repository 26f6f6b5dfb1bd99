package llmbench.simulations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a simulation the way the Gatling Maven plugin does: a separate JVM with the test classpath and
 * {@code io.gatling.app.Gatling}, options as {@code -D} system properties. A separate process because a
 * simulation may end its JVM on bad input, and because its embedded server must really stop with it.
 */
final class GatlingProcess {
    record Outcome(int exitCode, String output) {
    }

    private GatlingProcess() {
    }

    static Outcome run(String simulation, Map<String, String> properties, Path log, long timeoutSeconds)
            throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-XX:+UseZGC"); // as the Maven plugin's fork (pom.xml)
        // Gatling's stats writer needs this; the Maven plugin adds it to its forked JVM too.
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        cmd.add("-Dgatling.data.enableAnalytics=false");
        // The client's loopback warm-up (512 streams from 64 streams at once, ~3-5 s) kept short in tests unless a
        // test sets it: the path still runs in every end-to-end test, ClientWarmupEndToEndTest pins what it does.
        Map<String, String> all = new java.util.LinkedHashMap<>(properties);
        all.putIfAbsent("warmup.client.streams", "16");
        all.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("io.gatling.app.Gatling");
        cmd.add("--simulation");
        cmd.add(simulation);
        cmd.add("--results-folder");
        cmd.add(Path.of("target", "gatling").toAbsolutePath().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(simulation + " did not end within " + timeoutSeconds + " s; log: "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Outcome(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}

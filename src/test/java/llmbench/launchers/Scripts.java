package llmbench.launchers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the scripts of launchers/ as a user does, with settings in the environment. */
final class Scripts {
    static final Path DIR = Path.of("launchers").toAbsolutePath();

    record Outcome(int exitCode, String stdout, String stderr) {
        String all() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private Scripts() {
    }

    /** Environment for a reference server with the tiny profile, this JVM's classpath, a small heap. */
    static Map<String, String> referenceEnv(Path runDir, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("RUN_DIR", runDir.toString());
        env.put("PORT", Integer.toString(port));
        env.put("PROFILE", "tiny");
        env.put("REFERENCE_CLASSPATH", classpath());
        env.put("REFERENCE_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        env.put("HEALTH_TIMEOUT_S", "60");
        env.put("HEALTH_INTERVAL_S", "0.2");
        env.put("STOP_GRACE_S", "10");
        return env;
    }

    static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Outcome run(Map<String, String> env, long timeoutSeconds, String script, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(DIR.resolve(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("script", ".out");
        Path err = Files.createTempFile("script", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(script + " did not end within " + timeoutSeconds + " s: "
                        + Files.readString(out) + Files.readString(err));
            }
            return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Kills a pid this test recorded (the script's own pid file), if the script left it running. */
    static void killRecorded(Path runDir) {
        try {
            Path pidFile = runDir.resolve("server.pid");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | NumberFormatException ignored) {
            // nothing recorded
        }
    }
}

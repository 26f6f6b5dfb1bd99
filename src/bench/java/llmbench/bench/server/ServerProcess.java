package llmbench.bench.server;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import llmbench.process.ChildProcess;
import llmbench.refserver.ReferenceServerMain;

/**
 * A reference server in its own JVM (so its threads, heap and JIT are not the client's), started with
 * {@code ReferenceServerMain} and real flags, on the classpath this JVM was given — under
 * {@code mvn exec:java} that is the project's class loader, not {@code java.class.path}. Its stdout is read
 * until the "listening on" line; stderr goes to a log file. Waiting and stopping are
 * {@link ChildProcess}'s, as for the lifecycle harness's commands.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final String baseUrl;

    private ServerProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** @param chrtPriority above 0: run the JVM under {@code chrt -f <priority>} (SCHED_FIFO, all its threads) */
    static ServerProcess start(int chrtPriority, List<String> jvmOptions, List<String> serverArgs, Path stderrLog)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        if (chrtPriority > 0) {
            cmd.addAll(List.of("chrt", "-f", String.valueOf(chrtPriority)));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(ReferenceServerMain.class.getName());
        cmd.addAll(serverArgs);
        Process p = new ProcessBuilder(cmd).redirectError(stderrLog.toFile()).start();
        Matcher listening = ChildProcess.awaitLine(p, LISTENING, Duration.ofSeconds(60), "bench-server-stdout");
        if (listening == null) {
            ChildProcess.kill(p);
            throw new IOException("reference server did not start; see " + stderrLog);
        }
        return new ServerProcess(p, listening.group(1));
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The JVM's classpath: the URLs of the loader that loaded the server, else java.class.path. */
    static String classpath() {
        if (ReferenceServerMain.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL u : loader.getURLs()) {
                try {
                    entries.add(Path.of(u.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file: skip
                }
            }
            if (!entries.isEmpty()) {
                return String.join(java.io.File.pathSeparator, entries);
            }
        }
        return System.getProperty("java.class.path");
    }

    /** SIGTERM, and SIGKILL if the server has not exited 15 s later. */
    @Override
    public void close() {
        ChildProcess.stop(process, Duration.ofSeconds(15));
    }
}

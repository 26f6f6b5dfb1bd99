package llmbench.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import llmbench.refserver.ReferenceServerMain;

/**
 * A reference server in its own JVM (so its threads, heap and JIT are not the client's), started with
 * {@code ReferenceServerMain} and real flags, on the classpath this JVM was given — under
 * {@code mvn exec:java} that is the project's class loader, not {@code java.class.path}. Its stdout is read
 * until the "listening on" line; stderr goes to a log file. {@link #close()} sends SIGTERM and waits.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final String baseUrl;

    private ServerProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static ServerProcess start(List<String> jvmOptions, List<String> serverArgs, Path stderrLog) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(ReferenceServerMain.class.getName());
        cmd.addAll(serverArgs);
        Process p = new ProcessBuilder(cmd).redirectError(stderrLog.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String baseUrl;
        try {
            baseUrl = url.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            baseUrl = null;
        }
        if (baseUrl == null) {
            p.destroyForcibly();
            throw new IOException("reference server did not start; see " + stderrLog);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "bench-server-stdout");
        drain.setDaemon(true);
        drain.start();
        return new ServerProcess(p, baseUrl);
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

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

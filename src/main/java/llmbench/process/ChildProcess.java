package llmbench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Waiting for and stopping a child process. Stopping is SIGTERM first, so a server can close gracefully,
 * then SIGKILL for the process and everything it started (a {@code bash -c} command's children would
 * otherwise outlive it).
 */
public final class ChildProcess {
    private ChildProcess() {
    }

    /**
     * Waits up to {@code timeout} for the process to exit. True if it did; otherwise it and its descendants
     * are killed and the answer is false.
     */
    public static boolean awaitExit(Process p, Duration timeout) throws InterruptedException {
        if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        kill(p);
        return false;
    }

    /**
     * SIGTERM, then up to {@code grace} for the process to exit; past it (or when interrupted) SIGKILL for it
     * and its descendants. Returns once the process is gone or 5 s after the kill.
     */
    public static void stop(Process p, Duration grace) {
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL for the process's descendants, then the process itself. */
    public static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /**
     * Reads the process's stdout until a line matches {@code pattern}, for at most {@code timeout}; returns
     * the match, or null when the output ended or the time ran out first. A daemon thread named
     * {@code readerName} keeps reading stdout afterwards, so the child never blocks on a full pipe.
     */
    public static Matcher awaitLine(Process p, Pattern pattern, Duration timeout, String readerName) {
        CompletableFuture<Matcher> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = found.isDone() ? null : pattern.matcher(line);
                    if (m != null && m.find()) {
                        found.complete(m);
                    }
                }
            } catch (IOException e) {
                // the pipe closed under us: the process has ended, which is what the null below reports
            }
            found.complete(null);
        }, readerName);
        reader.setDaemon(true);
        reader.start();
        try {
            return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

package llmbench.counters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import llmbench.clock.EpochClock;
import llmbench.lifecycle.TargetHttp;

/**
 * Reads a server's counters with a short timeout on the JDK HTTP client's own threads, never on Gatling's
 * event loops: {@link #fetch} returns at once; a simulation waits for it with Gatling pauses
 * ({@link llmbench.load.CounterStep}) or, in {@code before()}/{@code after()}, with {@link #read}.
 * Paths under {@code /proc/} are read from the local file system instead ({@link ProcessMemory}).
 * Every failure becomes a {@link Snapshot} that says "not reported" and why.
 */
public final class CounterReader {
    public static final String HEALTH = "/health";
    public static final String SPEC_DECODE = "/v1/spec_decode/metrics";
    public static final String PROMETHEUS = "/metrics";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TargetHttp http;
    private final ExecutorService pool;

    public CounterReader(URI base, String apiKey, Duration timeout) {
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "counter-reader");
            t.setDaemon(true);
            return t;
        });
        this.http = new TargetHttp(base, apiKey, timeout, pool);
    }

    public CompletableFuture<Snapshot> fetch(String path) {
        if (path.startsWith(ProcessMemory.PATH_PREFIX)) {
            return CompletableFuture.supplyAsync(() -> ProcessMemory.read(path), pool);
        }
        return http.getAsync(path)
                .handle((r, e) -> e != null ? notReported(path, null, "no answer: " + rootMessage(e)) : toSnapshot(path, r));
    }

    /** Blocking form for {@code before()}/{@code after()} and test code. */
    public Snapshot read(String path) {
        try {
            return fetch(path).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notReported(path, null, "interrupted");
        } catch (Exception e) {
            return notReported(path, null, "no answer: " + rootMessage(e));
        }
    }

    private static Snapshot toSnapshot(String path, HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            return notReported(path, r.statusCode(), "HTTP " + r.statusCode());
        }
        String body = r.body();
        if (PROMETHEUS.equals(path)) {
            return new Snapshot(path, EpochClock.nowMicros(), 200, null, body, null);
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.isObject()) {
                return new Snapshot(path, EpochClock.nowMicros(), 200, n, null, null);
            }
        } catch (IOException e) {
            // falls through: not JSON
        }
        return notReported(path, 200, "reply is not a JSON object");
    }

    static Snapshot notReported(String path, Integer status, String why) {
        return new Snapshot(path, EpochClock.nowMicros(), status, null, null, "not reported: " + why);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + " " + t.getMessage();
    }
}

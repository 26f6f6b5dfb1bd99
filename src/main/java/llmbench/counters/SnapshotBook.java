package llmbench.counters;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counter readings a run takes, by name ({@code "concurrency 3 before"}) and path; filled while the run
 * is alive, read by the run's converter (also for partial files, so a reading still in flight is absent).
 */
public final class SnapshotBook {
    private final CounterReader reader;
    private final Map<String, CompletableFuture<Snapshot>> readings = new ConcurrentHashMap<>();

    public SnapshotBook(CounterReader reader) {
        this.reader = reader;
    }

    /** Starts reading {@code path} under {@code name}; returns at once. */
    public void start(String name, String path) {
        readings.put(key(name, path), reader.fetch(path));
    }

    public boolean done(String name, String path) {
        CompletableFuture<Snapshot> f = readings.get(key(name, path));
        return f == null || f.isDone();
    }

    /** The reading if it has arrived, else null. */
    public Snapshot get(String name, String path) {
        CompletableFuture<Snapshot> f = readings.get(key(name, path));
        return f == null || !f.isDone() ? null : f.join();
    }

    private static String key(String name, String path) {
        return name + " " + path;
    }
}

package llmbench.refserver.groundtruth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent {@code capacity} ground-truth records, oldest first, and the faults injected into the most
 * recent {@code capacity} faulted requests (by request id). Thread-safe.
 */
public final class GroundTruthLog {
    public static final int DEFAULT_CAPACITY = 10_000;
    private final int capacity;
    private final ArrayDeque<GroundTruth> ring;
    private final Map<String, String> faults;
    private final Map<String, String> resent;

    public GroundTruthLog(int capacity) {
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(Math.min(capacity, 1024));
        this.faults = bounded(capacity);
        this.resent = bounded(capacity);
    }

    private static Map<String, String> bounded(int capacity) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Records that request {@code id} is a client's re-send of the stream {@code lastEventId} (an SSE client
     * reconnecting after a broken stream sends the last event id it saw as {@code Last-Event-ID}).
     */
    public synchronized void markResent(String id, String lastEventId) {
        resent.put(id, lastEventId);
    }

    /** The stream that request {@code id} re-sends, or null. */
    public synchronized String resentOf(String id) {
        return resent.get(id);
    }

    /** Records that request {@code id} got the fault {@code kind} (a fault kind's wire name). */
    public synchronized void markFault(String id, String kind) {
        faults.put(id, kind);
    }

    /** The fault injected into request {@code id}, or null when it got none (or is too old to be known). */
    public synchronized String faultOf(String id) {
        return faults.get(id);
    }

    public synchronized void add(GroundTruth t) {
        if (ring.size() == capacity) {
            ring.pollFirst();
        }
        ring.addLast(t);
    }

    public synchronized List<GroundTruth> snapshot() {
        return new ArrayList<>(ring);
    }
}

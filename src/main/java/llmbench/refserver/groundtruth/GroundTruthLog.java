package llmbench.refserver.groundtruth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The most recent {@code capacity} ground-truth records, oldest first. Thread-safe. */
public final class GroundTruthLog {
    public static final int DEFAULT_CAPACITY = 10_000;
    private final int capacity;
    private final ArrayDeque<GroundTruth> ring;

    public GroundTruthLog(int capacity) {
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(Math.min(capacity, 1024));
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

package llmbench.clock;

/**
 * Wall-clock time in epoch microseconds with {@link System#nanoTime()} resolution.
 *
 * <p>Why: the client and the reference server stamp events that are compared with each other (measured
 * TTFT against the server's ground truth). {@code System.currentTimeMillis()} only has 1 ms steps, and
 * {@code nanoTime} has no epoch. Anchoring nanoTime to the epoch once per JVM gives both: sub-millisecond
 * resolution, and stamps comparable across processes on one machine to within the anchor's own error
 * (about a millisecond). Durations inside one process should still subtract nanoTime values directly.
 */
public final class EpochClock {
    private static final long ANCHOR_EPOCH_MICROS;
    private static final long ANCHOR_NANOS;

    static {
        // Take the anchor on a millisecond edge so the anchor error is ~µs rather than up to 1 ms.
        long ms = System.currentTimeMillis();
        long now;
        while ((now = System.currentTimeMillis()) == ms) {
            Thread.onSpinWait();
        }
        ANCHOR_NANOS = System.nanoTime();
        ANCHOR_EPOCH_MICROS = now * 1000L;
    }

    private EpochClock() {
    }

    public static long nowMicros() {
        return toEpochMicros(System.nanoTime());
    }

    /** Converts a {@link System#nanoTime()} reading taken in this JVM to epoch microseconds. */
    public static long toEpochMicros(long nanoTime) {
        return ANCHOR_EPOCH_MICROS + (nanoTime - ANCHOR_NANOS) / 1000L;
    }
}

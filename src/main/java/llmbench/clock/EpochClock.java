package llmbench.clock;

import java.time.Instant;

/**
 * Wall-clock time in epoch microseconds with {@link System#nanoTime()} resolution.
 *
 * <p>Why: the client and the reference server stamp events that are compared with each other (measured
 * TTFT against the server's ground truth). {@code System.currentTimeMillis()} only has 1 ms steps, and
 * {@code nanoTime} has no epoch. Anchoring nanoTime to the epoch once per JVM gives both: sub-millisecond
 * resolution, and stamps comparable across processes on one machine to within the two anchors' errors.
 * Durations inside one process should still subtract nanoTime values directly.
 *
 * <p>The anchor is one reading of the system clock ({@link Instant#now()}, nanosecond resolution on Linux)
 * paired with the middle of the two nanoTime readings around it; of {@value #ANCHOR_TRIES} such pairs the one
 * with the narrowest window is kept, so a thread descheduled between two readings (a busy start-up on shared
 * cores) does not shift every later stamp: the error is half that window, well under a microsecond. (The
 * earlier anchor, one millisecond edge of currentTimeMillis, was 1–567 µs off under load.)
 */
public final class EpochClock {
    static final int ANCHOR_TRIES = 200;
    private static final long ANCHOR_EPOCH_MICROS;
    private static final long ANCHOR_NANOS;
    /** Half the window of the kept anchor reading, in ns: the anchor's own error bound. */
    static final long ANCHOR_ERROR_NANOS;

    static {
        long bestWindow = Long.MAX_VALUE;
        long epochNanos = 0;
        long nanos = 0;
        for (int i = 0; i < ANCHOR_TRIES; i++) {
            long before = System.nanoTime();
            Instant wall = Instant.now();
            long after = System.nanoTime();
            if (after - before < bestWindow) {
                bestWindow = after - before;
                epochNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
                nanos = before + (after - before) / 2;
            }
        }
        ANCHOR_EPOCH_MICROS = epochNanos / 1000L;
        ANCHOR_NANOS = nanos - epochNanos % 1000L; // the anchor's sub-microsecond part stays in the nanoTime side
        ANCHOR_ERROR_NANOS = bestWindow / 2;
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

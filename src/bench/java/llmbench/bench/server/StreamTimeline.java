package llmbench.bench.server;

/**
 * One stream's arrivals: for every network read that carried at least one token event, its
 * {@code System.nanoTime()} and how many token events it carried. Arrays are sized up front (max_tokens
 * plus a margin), so recording allocates nothing; reads past the capacity are counted but not stamped.
 * Written by one event-loop thread, read after the stream ended.
 *
 * <p>Token events are found in the raw SSE bytes by {@link #feed}: each {@code data: {} is one JSON chunk
 * (a token, as no usage chunk is asked for), {@code data: [} is {@code [DONE]}. The matcher keeps its state
 * across reads, so an event split between two reads is counted once.
 */
final class StreamTimeline {
    private static final byte[] DATA = "data: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final long[] arrivalNanos;
    private final int[] tokensAt;
    private int reads;
    private long tokens;
    private boolean done;
    private int matched; // bytes of "data: " matched so far
    private boolean pendingEvent; // "data: " matched, its next byte not yet seen

    StreamTimeline(int capacity) {
        arrivalNanos = new long[capacity];
        tokensAt = new int[capacity];
    }

    /** Scans the readable bytes of one network read; stamps it with {@code nowNanos} if it held tokens. */
    void feed(io.netty.buffer.ByteBuf buf, long nowNanos) {
        int found = 0;
        for (int i = buf.readerIndex(), end = buf.writerIndex(); i < end; i++) {
            found += step(buf.getByte(i));
        }
        record(found, nowNanos);
    }

    /** As {@link #feed} for a byte array (tests). */
    void feed(byte[] bytes, long nowNanos) {
        int found = 0;
        for (byte b : bytes) {
            found += step(b);
        }
        record(found, nowNanos);
    }

    private int step(byte b) {
        if (pendingEvent) {
            pendingEvent = false;
            if (b == '{') {
                return 1;
            }
            if (b == '[') {
                done = true;
            }
            return 0;
        }
        if (b == DATA[matched]) {
            if (++matched == DATA.length) {
                matched = 0;
                pendingEvent = true;
            }
        } else {
            matched = b == DATA[0] ? 1 : 0;
        }
        return 0;
    }

    private void record(int found, long nowNanos) {
        if (found == 0) {
            return;
        }
        tokens += found;
        if (reads < arrivalNanos.length) {
            arrivalNanos[reads] = nowNanos;
            tokensAt[reads] = found;
        }
        reads++;
    }

    /** Reads that carried tokens (may exceed the stamped ones, {@link #stamped()}). */
    int reads() {
        return reads;
    }

    int stamped() {
        return Math.min(reads, arrivalNanos.length);
    }

    long arrivalNanos(int read) {
        return arrivalNanos[read];
    }

    int tokensAt(int read) {
        return tokensAt[read];
    }

    long tokens() {
        return tokens;
    }

    /** {@code data: [DONE]} was seen. */
    boolean done() {
        return done;
    }

    /** Arrival of the first token, or -1. */
    long firstNanos() {
        return reads == 0 ? -1 : arrivalNanos[0];
    }
}

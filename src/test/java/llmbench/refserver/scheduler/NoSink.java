package llmbench.refserver.scheduler;

import java.util.List;

/** A token sink for scheduler tests that look at sequences, not at what reaches a client. */
final class NoSink implements TokenSink {
    static final TokenSink INSTANCE = new NoSink();

    private NoSink() {
    }

    @Override
    public Emission prepare(List<Chunk> chunks, Completion completion) {
        return null;
    }

    @Override
    public void onCancelled() {
    }
}

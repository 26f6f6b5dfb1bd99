package llmbench.refserver.scheduler;

import java.util.List;

/**
 * Where a sequence's output goes. Called on the scheduler thread only, at the end of each step in which
 * the sequence produced output, so an implementation may build response bytes but must not block.
 */
public interface TokenSink {

    /**
     * This step's output: zero or more chunks to send (one per token event when no stop strings are
     * set), and, if the sequence finished in this step, its completion; otherwise {@code completion} is
     * null.
     */
    void onStep(List<Chunk> chunks, Completion completion);

    /** The sequence was dropped before finishing (client gone, or the server closing). */
    void onCancelled();

    /** Text to send, and the finish reason when this chunk ends the sequence (else null). */
    record Chunk(String text, String finishReason) {
    }

    /**
     * @param finishReason       "stop" or "length"
     * @param tokenEvents        every token produced, including a final EOS (the streaming usage count)
     * @param endedWithEos       the last token event was EOS (non-streaming responses drop it)
     * @param stoppedBySequence  generation ended because a stop string appeared
     */
    record Completion(String finishReason, int tokenEvents, boolean endedWithEos, boolean stoppedBySequence) {
    }
}

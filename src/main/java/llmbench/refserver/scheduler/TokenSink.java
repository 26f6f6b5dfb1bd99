package llmbench.refserver.scheduler;

import java.util.List;

/**
 * Where a sequence's output goes. {@link #prepare} is called on the scheduler thread while the step's
 * time is still running, so an implementation builds its response bytes there; the returned
 * {@link Emission} is sent when the step ends.
 */
public interface TokenSink {

    /**
     * Prepares this step's output: zero or more chunks to send (one per token event when no stop
     * strings are set), and, if the sequence finished in this step, its completion; otherwise
     * {@code completion} is null. Must not block. Returns null if there is nothing to send.
     */
    Emission prepare(List<Chunk> chunks, Completion completion);

    /** The sequence was dropped before finishing (client gone, or the server closing). */
    void onCancelled();

    /** Output of one step, sent when the step ends. */
    interface Emission {
        /**
         * Where {@link #send()} must run (e.g. the connection's event loop), or null for "on the
         * scheduler thread". The scheduler hands all emissions of one executor over as one task.
         */
        java.util.concurrent.Executor executor();

        void send();
    }

    /** Text to send, and the finish reason when this chunk ends the sequence (else null). */
    record Chunk(String text, String finishReason) {
    }

    /**
     * @param finishReason       "stop" or "length"
     * @param tokenEvents        every token produced, including a final EOS (the streaming usage count)
     * @param endedWithEos       the last token event was EOS (non-streaming responses drop it)
     * @param stoppedBySequence  generation ended because a stop string appeared
     * @param timings            the engine's own timing of the request (llama engine), else null
     * @param cachedPromptTokens prompt tokens served from the prefix cache (usage's
     *                           {@code prompt_tokens_details.cached_tokens}, as vLLM reports them), null if unknown
     */
    record Completion(String finishReason, int tokenEvents, boolean endedWithEos, boolean stoppedBySequence,
                      llmbench.llama.EngineTimings timings, Integer cachedPromptTokens) {

        /** The llama engine's completion: its cached prompt tokens are its timings' {@code cache_n}. */
        public Completion(String finishReason, int tokenEvents, boolean endedWithEos, boolean stoppedBySequence,
                          llmbench.llama.EngineTimings timings) {
            this(finishReason, tokenEvents, endedWithEos, stoppedBySequence, timings,
                    timings == null ? null : timings.cachedTokens());
        }
    }
}

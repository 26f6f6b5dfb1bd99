package llmbench.refserver.engine;

import llmbench.refserver.scheduler.TokenSink;
import llmbench.refserver.spec.SpecController;
import org.HdrHistogram.Histogram;

/**
 * What generates tokens for the reference server's HTTP layer: {@link SimulatedEngine} (the
 * continuous-batching performance model) or {@link LlamaBackend} (llama.cpp). The HTTP handlers, /health,
 * /readyz and /metrics speak only to this interface.
 *
 * <p>A generation request goes through two steps, so that the response head can be sent (and the
 * connection's close listener registered) after the engine has accepted the request but before any token
 * exists: {@link #admit} runs the engine's checks and takes a place; {@link Admission#start} hands it the
 * {@link TokenSink}. An admission that is never started must be {@link Admission#abandon abandoned}.
 */
public interface Engine extends AutoCloseable {

    /**
     * Checks a request (prompt length against this engine's tokenizer and limits, max_tokens) and takes a
     * place in the engine's queue. Throws {@link EngineRefusal} when the request is refused.
     */
    Admission admit(EngineRequest request);

    /**
     * The text's tokens as this engine's tokenizer splits it: no chat template and no BOS, as llama.cpp's
     * {@code POST /tokenize} answers by default. A client adds the template's tokens itself.
     */
    int[] tokenize(String text);

    /** The longest prompt (tokens, chat template included) this engine admits; /health says it. */
    int maxPromptTokens();

    /** The figures /health, /readyz and /metrics report, read now. */
    EngineStatus status();

    /** Speculative decoding's counters for /v1/spec_decode/metrics, or null when it is off. */
    SpecController.Metrics specDecode();

    /**
     * The scheduler's emit-lag window (µs) since start or the previous reset; a new window starts. Empty
     * when the engine has no step loop of its own.
     */
    Histogram resetEmitLag();

    /** Cancels queued and running requests (their sinks hear {@link TokenSink#onCancelled()}). Idempotent. */
    @Override
    void close();

    /** An accepted request, not yet generating. */
    interface Admission {
        /** Prompt tokens as this engine counts them (the usage figure of the response). */
        int promptTokens();

        /**
         * Starts generation: tokens go to {@code sink}; {@code onEnd} (may be null) runs once when the
         * request is over, finished or cancelled.
         */
        void start(TokenSink sink, Runnable onEnd);

        /** Stops the request, before or after {@link #start}; its sink then hears {@code onCancelled()}. */
        void cancel();

        /** Gives the place back when {@link #start} will not be called (the response failed first). */
        void abandon();
    }
}

package llmbench.llama;

/**
 * How a generation ended.
 *
 * @param text             the streamed text, concatenated (stop strings excluded)
 * @param finishReason     {@code "length"} when {@code maxTokens} tokens were generated, else {@code "stop"}
 *                         (end-of-sequence token or stop string)
 * @param promptTokens     tokens of the rendered prompt, by the model's tokenizer (BOS included)
 * @param completionTokens tokens generated, by the engine
 * @param timings          the engine's own timings, or {@code null} when they could not be read
 * @param wallNanos        {@code System.nanoTime()} from the {@code generate} call to the last output
 */
public record GenerationResult(String text, String finishReason, int promptTokens, int completionTokens,
                               EngineTimings timings, long wallNanos) {

    public double wallMs() {
        return wallNanos / 1e6;
    }
}

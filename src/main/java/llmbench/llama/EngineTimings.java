package llmbench.llama;

/**
 * llama.cpp's own timing of one request, as its server reports in {@code timings}: prompt processing
 * ({@code prompt_ms} over {@code prompt_n} tokens not found in the slot's cache), decoding
 * ({@code predicted_ms} over {@code predicted_n} tokens) and {@code cache_n}, the prompt tokens reused from
 * the slot's KV cache. Measured inside the native server loop with {@code ggml_time_us}; it excludes
 * queueing before a slot takes the request and everything on the Java side.
 */
public record EngineTimings(double promptMs, int promptTokens, double predictedMs, int predictedTokens,
                            int cachedTokens) {

    /** {@code prompt_n * 1000 / prompt_ms}; absent when no prompt token was processed. */
    public Double promptTokPerS() {
        return promptMs > 0 && promptTokens > 0 ? promptTokens * 1000.0 / promptMs : null;
    }

    /** {@code predicted_n * 1000 / predicted_ms}; absent when nothing was decoded. */
    public Double predictedTokPerS() {
        return predictedMs > 0 && predictedTokens > 0 ? predictedTokens * 1000.0 / predictedMs : null;
    }

    public double totalMs() {
        return promptMs + predictedMs;
    }
}

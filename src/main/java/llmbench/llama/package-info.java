/**
 * A real inference engine for the suite: llama.cpp through its Java bindings ({@code de.kherud:llama}).
 * {@link llmbench.llama.LlamaEngine} loads a GGUF model ({@link llmbench.llama.EngineSettings},
 * {@link llmbench.llama.ModelLocation}) and runs {@link llmbench.llama.GenerationRequest}s in parallel slots
 * with continuous batching, streaming each token's text to a {@link llmbench.llama.TokenListener} and ending
 * with a {@link llmbench.llama.GenerationResult}: finish reason, token counts and llama.cpp's own
 * {@link llmbench.llama.EngineTimings}. Two workarounds for the bindings live here, each documented where it
 * is: {@link llmbench.llama.TimingsLog} (timings read from the native server log) and
 * {@link llmbench.llama.NativeThreadExitGuard} (a leaked non-daemon thread). See {@code docs/llama-engine.md}.
 */
package llmbench.llama;

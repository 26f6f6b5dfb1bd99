/**
 * What generates tokens behind the reference server's HTTP layer: the {@link llmbench.refserver.engine.Engine}
 * interface (admit a request, start it with a {@link llmbench.refserver.scheduler.TokenSink}, report
 * {@link llmbench.refserver.engine.EngineStatus} for /health and /metrics) and its two implementations:
 * {@link llmbench.refserver.engine.SimulatedEngine} (the continuous-batching scheduler with the n-gram text
 * model behind {@link llmbench.refserver.model.TextGenerator}) and {@link llmbench.refserver.engine.LlamaBackend}
 * (llama.cpp through {@link llmbench.llama.LlamaEngine} on its own slot threads, feeding the same response
 * writers).
 */
package llmbench.refserver.engine;

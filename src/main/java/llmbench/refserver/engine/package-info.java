/**
 * Engines other than the built-in simulation that the reference server's HTTP layer can drive:
 * {@link llmbench.refserver.engine.LlamaBackend} runs llama.cpp ({@link llmbench.llama.LlamaEngine}) on its own
 * slot threads and feeds the same response writers ({@link llmbench.refserver.scheduler.TokenSink}) that the
 * simulated scheduler feeds.
 */
package llmbench.refserver.engine;

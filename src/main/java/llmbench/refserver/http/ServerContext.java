package llmbench.refserver.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import llmbench.refserver.GroundTruthLog;
import llmbench.refserver.ReferenceServerConfig;
import llmbench.refserver.engine.LlamaBackend;
import llmbench.refserver.model.TextGenerator;
import llmbench.refserver.model.Tokenizer;
import llmbench.refserver.profile.PerformanceProfile;
import llmbench.refserver.scheduler.BatchScheduler;
import llmbench.refserver.scheduler.DebugLeak;

/**
 * What the HTTP handlers share: configuration, tokenizer, model, scheduler and the ground-truth log.
 *
 * @param startNanos nanoTime when the server was created (for /livez uptime)
 * @param profile    the profile in effect (model shape for memory figures)
 * @param leak       the debug-leak test aid (for its figure in /health)
 * @param llama      the llama.cpp engine that serves generation requests, or null for the simulated engine
 *                   (the scheduler then generates; with llama it stays idle and only answers /health)
 */
public record ServerContext(ReferenceServerConfig config, int maxBatchSize, Tokenizer tokenizer,
                            TextGenerator model, BatchScheduler scheduler, GroundTruthLog truth,
                            ObjectMapper json, long startNanos, PerformanceProfile profile, DebugLeak leak,
                            LlamaBackend llama) {
}

package llmbench.refserver.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import llmbench.refserver.GroundTruthLog;
import llmbench.refserver.ReferenceServerConfig;
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
 */
public record ServerContext(ReferenceServerConfig config, int maxBatchSize, Tokenizer tokenizer,
                            TextGenerator model, BatchScheduler scheduler, GroundTruthLog truth,
                            ObjectMapper json, long startNanos, PerformanceProfile profile, DebugLeak leak) {
}

package llmbench.refserver.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import llmbench.refserver.engine.Engine;
import llmbench.refserver.groundtruth.GroundTruthLog;
import llmbench.refserver.model.Tokenizer;
import llmbench.refserver.profile.PerformanceProfile;
import llmbench.refserver.scheduler.DebugLeak;
import llmbench.refserver.settings.ReferenceServerConfig;

/**
 * What the HTTP handlers share: configuration, the engine, the ground-truth log.
 *
 * @param tokenizer  counts a buffered completion's tokens (the seed's word tokenizer, for either engine)
 * @param startNanos nanoTime when the server was created (for /livez uptime)
 * @param profile    the profile in effect (model shape for memory figures)
 * @param leak       the debug-leak test aid (for its figure in /health)
 * @param transport  the event loops' Netty transport, "epoll" or "nio" (for /health)
 */
public record ServerContext(ReferenceServerConfig config, Tokenizer tokenizer, Engine engine, GroundTruthLog truth,
                            ObjectMapper json, long startNanos, PerformanceProfile profile, DebugLeak leak,
                            String transport) {
}

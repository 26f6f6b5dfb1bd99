package llmbench.refserver.engine;

import java.util.Map;
import llmbench.refserver.kvcache.KvBlockCache;
import llmbench.refserver.scheduler.BatchScheduler;

/**
 * One reading of an engine's state for /health, /readyz and /metrics.
 *
 * @param open                 false once the engine is closing
 * @param batch                the batch scheduler's counters
 * @param kv                   the KV block cache, or null without one
 * @param ssd                  the SSD tier's counters in the seed's order, or null without one
 * @param secondsSinceLastStep since the scheduler's last step ended (or since start)
 * @param specTokensDrafted    draft tokens proposed since start
 * @param specTokensAccepted   draft tokens accepted since start
 * @param details              engine-specific fields in order (/health {@code engine}), or null for none
 */
public record EngineStatus(boolean open, BatchScheduler.Stats batch, KvBlockCache.Snapshot kv, Map<String, Long> ssd,
                           double secondsSinceLastStep, long specTokensDrafted, long specTokensAccepted,
                           Map<String, Object> details) {

    /**
     * used/total KV blocks; used includes idle cached blocks when {@code idleCacheCountsAsUsed} (the seed's
     * rule), else only blocks held by running sequences. 0 without a cache.
     */
    public double utilization(boolean idleCacheCountsAsUsed) {
        return utilization(kv, idleCacheCountsAsUsed);
    }

    static double utilization(KvBlockCache.Snapshot k, boolean idleCacheCountsAsUsed) {
        if (k == null) {
            return 0.0;
        }
        int used = idleCacheCountsAsUsed ? k.usedBlocks() : k.activeBlocks();
        return k.totalBlocks() == 0 ? 0.0 : (double) used / k.totalBlocks();
    }

    EngineStatus withDetails(Map<String, Object> d) {
        return new EngineStatus(open, batch, kv, ssd, secondsSinceLastStep, specTokensDrafted, specTokensAccepted, d);
    }
}

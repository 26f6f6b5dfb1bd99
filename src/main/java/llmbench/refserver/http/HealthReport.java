package llmbench.refserver.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import llmbench.refserver.engine.EngineStatus;
import llmbench.refserver.kvcache.KvBlockCache;
import llmbench.refserver.scheduler.BatchScheduler;
import llmbench.refserver.settings.EngineSettings;

/**
 * The state endpoints, with the seed's rules (§1.10–1.12).
 *
 * <p>{@code utilization = used_blocks / total_blocks}, where used includes idle cached blocks unless the
 * server was told otherwise ({@link EngineSettings#idleCacheCountsAsUsed()}). /health, first match:
 * shutting down → 503 {@code shutting_down}; inference loop stalled (work waiting and no step for
 * {@value #WATCHDOG_S} s) → 503 {@code inference_stalled}; utilization ≥ threshold → 503
 * {@code overloaded}; utilization ≥ 0.8·threshold → 200 {@code degraded}; else 200 {@code ok}. Each answer
 * reads the engine once ({@link llmbench.refserver.engine.Engine#status()}).
 */
final class HealthReport {
    static final double WATCHDOG_S = 300;

    private final ServerContext server;
    private final ObjectMapper json;

    HealthReport(ServerContext server) {
        this.server = server;
        this.json = server.json();
    }

    /** used/total blocks as the memory-pressure check and /health see it. */
    private double utilization(EngineStatus st) {
        return st.utilization(server.config().engine().idleCacheCountsAsUsed());
    }

    private static boolean loopAlive(EngineStatus st) {
        BatchScheduler.Stats s = st.batch();
        boolean work = s.activeSequences() + s.queuedRequests() > 0;
        return !(work && st.secondsSinceLastStep() >= WATCHDOG_S);
    }

    /** Status and body of GET /health. */
    Answer health() {
        EngineStatus st = server.engine().status();
        ObjectNode root = json.createObjectNode();
        if (!st.open()) {
            root.put("status", "shutting_down");
            root.put("ready", false);
            root.set("cache_stats", cacheStats(st));
            root.set("distributed", distributed());
            return new Answer(503, root);
        }
        double u = utilization(st);
        double threshold = server.config().engine().memoryPressureThreshold();
        String status;
        int code;
        if (!loopAlive(st)) {
            status = "inference_stalled";
            code = 503;
        } else if (u >= threshold) {
            status = "overloaded";
            code = 503;
        } else if (u >= 0.8 * threshold) {
            status = "degraded";
            code = 200;
        } else {
            status = "ok";
            code = 200;
        }
        root.put("status", status);
        root.put("ready", code == 200);
        root.put("utilization", u);
        root.put("inference_loop_stale_s", staleSeconds(st));
        root.set("cache_stats", cacheStats(st));
        root.set("memory", memory(st));
        root.put("max_prompt_tokens", server.engine().maxPromptTokens()); // ours: the longest prompt admitted
        root.put("transport", server.transport()); // ours: the event loops' Netty transport, epoll or nio
        EngineSettings e = server.config().engine();
        if (e.specDecode().equals("draft")) { // ours: the simulated draft's settings
            ObjectNode d = root.putObject("draft_model");
            d.put("path", e.draftModelPath());
            d.put("context_len", e.draftContextLen());
        }
        root.set("distributed", distributed());
        if (st.details() != null) { // e.g. the llama engine's slots and request counts
            root.set("engine", json.valueToTree(st.details()));
        }
        return new Answer(code, root);
    }

    /** Status and body of GET /readyz. */
    Answer readyz() {
        EngineStatus st = server.engine().status();
        List<String> reasons = new ArrayList<>();
        if (!st.open()) {
            reasons.add("shutting_down");
        }
        if (!loopAlive(st)) {
            reasons.add("inference_stalled");
        }
        if (utilization(st) >= server.config().engine().memoryPressureThreshold()) {
            reasons.add("memory_pressure");
        }
        ObjectNode root = json.createObjectNode();
        root.put("status", reasons.isEmpty() ? "ready" : "not_ready");
        root.put("ready", reasons.isEmpty());
        reasons.forEach(root.putArray("reasons")::add);
        root.set("distributed", distributed());
        return new Answer(reasons.isEmpty() ? 200 : 503, root);
    }

    /** GET /metrics: the seed's seven gauges in Prometheus text format. */
    String metrics() {
        EngineStatus st = server.engine().status();
        BatchScheduler.Stats s = st.batch();
        KvBlockCache.Snapshot k = st.kv();
        StringBuilder b = new StringBuilder(1024);
        gauge(b, "active_sequences", "Sequences currently running", s.activeSequences());
        gauge(b, "queued_requests", "Requests waiting for admission", s.queuedRequests());
        gauge(b, "used_blocks", "KV blocks not in the free pool (idle cached blocks included)",
                k == null ? 0 : k.usedBlocks());
        gauge(b, "free_blocks", "KV blocks in the free pool", k == null ? 0 : k.freeBlocks());
        gauge(b, "cache_hit_rate", "Share of admitted requests with a prefix cache hit", k == null ? 0 : hitRate(k));
        gauge(b, "dist_fatal", "1 if the distributed control plane failed", 0);
        gauge(b, "shutdown_clean", "1 unless a shutdown left work unflushed", 1);
        return b.toString();
    }

    private static void gauge(StringBuilder b, String name, String help, double value) {
        String full = "mlx_lm_server_" + name;
        b.append("# HELP ").append(full).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(full).append(" gauge\n");
        b.append(full).append(' ').append(pythonFloat(value)).append('\n');
    }

    /** Python's repr of a float for the values that occur here ("0.0", "12.0", "0.25"). */
    static String pythonFloat(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e16) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return Double.toString(v);
    }

    private static double hitRate(KvBlockCache.Snapshot k) {
        long hits = k.hitsBlock() + k.hitsSequence();
        long all = hits + k.misses();
        return all == 0 ? 0.0 : (double) hits / all;
    }

    private static double staleSeconds(EngineStatus st) {
        return Math.round(st.secondsSinceLastStep() * 10) / 10.0;
    }

    private ObjectNode cacheStats(EngineStatus st) {
        BatchScheduler.Stats s = st.batch();
        ObjectNode c = json.createObjectNode();
        c.put("active_sequences", s.activeSequences());
        c.put("queued_requests", s.queuedRequests());
        KvBlockCache.Snapshot k = st.kv();
        if (k != null) {
            c.put("total_blocks", k.totalBlocks());
            c.put("used_blocks", k.usedBlocks());
            c.put("free_blocks", k.freeBlocks());
            c.put("cached_blocks", k.cachedBlocks());
            c.put("idle_cached_blocks", k.idleBlocks());
            c.put("cache_hits_sequence", k.hitsSequence());
            c.put("cache_hits_block", k.hitsBlock());
            c.put("cache_misses", k.misses());
        }
        c.put("requests_completed", s.requestsCompleted());
        c.put("requests_cancelled", s.requestsCancelled());
        c.put("tokens_generated", s.tokensGenerated());
        c.put("total_prefill_tokens", s.totalPrefillTokens());
        if (k != null) {
            c.put("total_cached_tokens", k.cachedTokens());
            c.put("kv_evictions", k.evictions());
            c.put("kv_alloc_failures", k.allocFailures());
            Map<String, Long> ssd = st.ssd();
            if (ssd != null) {
                ssd.forEach(c::put);
            }
        }
        c.put("total_requests", s.totalRequests());
        c.put("spec_tokens_drafted", st.specTokensDrafted());
        c.put("spec_tokens_accepted", st.specTokensAccepted());
        if (k != null) {
            c.put("cache_hit_rate", hitRate(k));
            long seen = k.cachedTokens() + s.totalPrefillTokens();
            c.put("cache_effectiveness", seen == 0 ? 0.0 : (double) k.cachedTokens() / seen);
        }
        c.put("inference_loop_stale_s", staleSeconds(st));
        c.put("inference_loop_alive", loopAlive(st));
        c.put("scheduler_steps", s.steps());
        c.put("scheduler_steps_late_over_1ms", s.stepsLateOver1ms());
        c.put("scheduler_max_emit_lag_us", s.maxEmitLagMicros());
        // ours: the emit-lag distribution since start or POST /debug/emit_lag/reset
        c.put("scheduler_emit_lag_steps", s.emitLag().steps());
        c.put("scheduler_emit_lag_p50_us", s.emitLag().p50Micros());
        c.put("scheduler_emit_lag_p99_us", s.emitLag().p99Micros());
        c.put("scheduler_emit_lag_p999_us", s.emitLag().p999Micros());
        c.put("scheduler_emit_lag_window_max_us", s.emitLag().maxMicros());
        return c;
    }

    /**
     * Simulated device memory, from the profile's model shape and --kv-bits/--kv-group-size (bytes):
     * weights + KV pool (all blocks, allocated up front) + runtime overhead = total; KV used = used blocks
     * (idle cached included), KV active = blocks held by running sequences.
     */
    private ObjectNode memory(EngineStatus st) {
        EngineSettings e = server.config().engine();
        var shape = server.profile().shape();
        double perToken = shape.kvBytesPerToken(e.kvBits(), e.kvGroupSize());
        long perBlock = Math.round(perToken * e.blockSize());
        KvBlockCache.Snapshot k = st.kv();
        long pool = perBlock * e.numBlocks();
        ObjectNode m = json.createObjectNode();
        m.put("kv_bits", e.kvBits());
        m.put("kv_group_size", e.kvGroupSize());
        m.put("kv_bytes_per_token", perToken);
        m.put("kv_bytes_per_block", perBlock);
        m.put("weights_bytes", shape.weightsBytes());
        m.put("kv_pool_bytes", pool);
        m.put("kv_used_bytes", k == null ? 0 : perBlock * k.usedBlocks());
        m.put("kv_active_bytes", k == null ? 0 : perBlock * k.activeBlocks());
        m.put("runtime_overhead_bytes", shape.overheadBytes());
        m.put("total_bytes", shape.weightsBytes() + pool + shape.overheadBytes());
        m.put("debug_leaked_bytes", server.leak().retainedBytes());
        return m;
    }

    /** Always single-node. */
    private ObjectNode distributed() {
        ObjectNode d = json.createObjectNode();
        d.put("enabled", false);
        d.putNull("rank");
        d.putNull("world_size");
        d.put("fatal", false);
        d.putNull("fatal_reason");
        return d;
    }

    record Answer(int status, ObjectNode body) {
    }
}

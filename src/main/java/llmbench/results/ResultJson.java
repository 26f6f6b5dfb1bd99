package llmbench.results;

import static llmbench.metrics.Rounding.round;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import llmbench.metrics.FiveMeans;
import llmbench.metrics.FiveMetrics;
import llmbench.metrics.InterTokenLatency;
import llmbench.metrics.LatencyDistribution;
import llmbench.metrics.NormalizedLatency;
import llmbench.metrics.PrefillFromCache;
import llmbench.metrics.TruncatedByContext;
import llmbench.metrics.Rounding;
import llmbench.timing.RequestRecord;

/**
 * The parts every benchmark JSON shares: the header (seed fields first, then ours), the five metrics of a
 * request with the seed's decimals (times 4, prefill_tok_s 1, other rates 2; {@link Rounding}'s rule), and
 * distributions. Every value comes from {@code llmbench.metrics}; this class only names and places them.
 */
public final class ResultJson {
    public static final int SCHEMA_VERSION = 1;
    public static final String SUITE = "gatling-llm-bench";
    public static final String SUITE_VERSION = readSuiteVersion();

    private static final DateTimeFormatter SEED_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private ResultJson() {
    }

    public static ObjectNode header(String benchmark, RunInfo info, boolean partial, ZonedDateTime now) {
        ObjectNode o = RecordJson.JSON.createObjectNode();
        o.put("benchmark", benchmark);
        o.put("label", info.label());
        o.put("timestamp", SEED_TIMESTAMP.format(now.withZoneSameInstant(ZoneOffset.UTC)));
        o.put("server_url", info.targetUrl());
        o.put("model", info.model());
        o.put("max_tokens", info.maxTokens());
        if (partial) {
            o.put("partial", true);
        }
        o.put("schema_version", SCHEMA_VERSION);
        ObjectNode suite = o.putObject("suite");
        suite.put("name", SUITE);
        suite.put("version", SUITE_VERSION);
        suite.put("simulation", info.simulation());
        suite.put("java", System.getProperty("java.version"));
        ObjectNode target = o.putObject("target");
        target.put("url", info.targetUrl());
        target.put("kind", info.targetKind());
        target.put("detail", info.targetDetail());
        target.put("model", info.model());
        o.put("started_at", SEED_TIMESTAMP.format(info.startedAt().withZoneSameInstant(ZoneOffset.UTC)));
        o.put("temperature", info.temperature());
        o.set("options", RecordJson.JSON.valueToTree(info.options()));
        o.put("gatling_run_dir", info.gatlingRunDir());
        o.set("health_before", info.healthBefore());
        o.set("health_after", info.healthAfter());
        o.set("load_average_start", info.loadBefore());
        o.set("load_average_end", info.loadAfter());
        o.put("time_source", "client clock (System.nanoTime anchored to epoch); token counts from the server's "
                + "usage chunk, else the client's count of content chunks (see token_source)");
        return o;
    }

    /** The seed's per-request keys for a successful request, then ours. */
    public static void putRequestMetrics(ObjectNode o, RequestRecord r, FiveMetrics m) {
        o.put("prompt_tokens", r.promptTokens());
        o.put("completion_tokens", r.completionTokens());
        RecordJson.putRequested(o, r.labels().requested());
        putFive(o, m.prefillTimeS(), m.prefillTokS(), m.decodeTimeS(), m.decodeTokS(), m.throughputTokS());
        o.put("total_time_s", round(m.totalTimeS(), 4));
        o.put("finish_reason", r.finishReason());
        o.putNull("error");
        o.put("ttft_s", round(m.ttftS(), 4));
        o.put("tpot_s", round(m.tpotS(), 5));
        putTokenLatencies(o, r);
        o.put("token_source", r.tokenSource());
        o.put("usage_completion_tokens", r.usageCompletionTokens());
        o.put("content_chunks", r.contentChunks());
        o.put("response_id", r.responseId());
        putServersWord(o, r);
    }

    /**
     * What the reply said beyond the five metrics: prompt tokens served from the server's prefix cache and
     * where it said so, whether that makes the prefill rate a cache figure ({@link PrefillFromCache}), whether
     * the context cut the completion ({@link TruncatedByContext}), and how many SSE messages were not JSON.
     */
    public static void putServersWord(ObjectNode o, RequestRecord r) {
        o.put("cached_prompt_tokens", r.cachedPrompt() == null ? null : r.cachedPrompt().tokens());
        o.put("cached_prompt_tokens_source", r.cachedPrompt() == null ? null : r.cachedPrompt().source());
        o.put("prefill_from_cache", PrefillFromCache.of(r));
        o.put("truncated_by_context", TruncatedByContext.of(r));
        o.put("unparsable_events", r.unparsableEvents());
    }

    /**
     * A successful request's inter-token latency ({@link InterTokenLatency}: null without two content chunks)
     * and normalized latency ({@link NormalizedLatency}), times with 4 decimals.
     */
    public static void putTokenLatencies(ObjectNode o, RequestRecord r) {
        InterTokenLatency itl = InterTokenLatency.of(r);
        o.put("itl_p50_s", itl == null ? null : round(itl.p50S(), 4));
        o.put("itl_p99_s", itl == null ? null : round(itl.p99S(), 4));
        o.put("itl_max_s", itl == null ? null : round(itl.maxS(), 4));
        o.put("normalized_latency_s_per_token", round(NormalizedLatency.secondsPerToken(r), 4));
    }

    public static void putFive(ObjectNode o, Double prefillTime, Double prefillRate, Double decodeTime,
                               Double decodeRate, Double throughput) {
        o.put("prefill_time_s", round(prefillTime, 4));
        o.put("prefill_tok_s", round(prefillRate, 1));
        o.put("decode_time_s", round(decodeTime, 4));
        o.put("decode_tok_s", round(decodeRate, 2));
        o.put("throughput_tok_s", round(throughput, 2));
    }

    /** The five metrics of a group of requests as means over its successful requests (absent when none). */
    public static void putFiveMeans(ObjectNode o, List<FiveMetrics> metrics) {
        FiveMeans m = FiveMeans.of(metrics);
        if (m != null) {
            putFive(o, m.prefillTimeS(), m.prefillTokS(), m.decodeTimeS(), m.decodeTokS(), m.throughputTokS());
        }
    }

    /**
     * HdrHistogram percentiles of TTFT, latency and inter-token latency (every gap of every request) over the
     * successful requests among {@code records}.
     */
    public static void putDistributions(ObjectNode o, List<RequestRecord> records) {
        o.set("ttft_s", distribution(LatencyDistribution.ttftOf(records)));
        o.set("latency_s", distribution(LatencyDistribution.latencyOf(records)));
        putItlDistribution(o, records);
    }

    /** {@code itl_s}: every inter-token gap of the successful streamed requests among {@code records}, merged. */
    public static void putItlDistribution(ObjectNode o, List<RequestRecord> records) {
        o.set("itl_s", distribution(InterTokenLatency.distributionOf(records)));
    }

    /** The JSON body of a counter reading, or null with the reason in {@code <field>_note}. */
    public static void putSnapshot(ObjectNode o, String field, llmbench.counters.Snapshot s) {
        if (s == null) {
            o.putNull(field);
            o.put(field + "_note", "not read (the run ended before this reading)");
            return;
        }
        if (s.json() != null) {
            o.set(field, s.json());
        } else if (s.text() != null) {
            o.put(field, s.text());
        } else {
            o.putNull(field);
            o.put(field + "_note", s.note());
        }
    }

    public static ObjectNode distribution(LatencyDistribution d) {
        ObjectNode o = RecordJson.JSON.createObjectNode();
        d.summarySeconds().forEach((k, v) -> o.put(k, round(v, 4)));
        o.put("count", d.count());
        return o;
    }

    private static String readSuiteVersion() {
        try (InputStream in = ResultJson.class.getResourceAsStream("/llmbench/suite.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

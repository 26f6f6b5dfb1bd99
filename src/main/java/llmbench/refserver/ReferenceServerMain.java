package llmbench.refserver;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Standalone reference server. Prints one line with its URL once listening; SIGTERM (or Ctrl-C) closes
 * it gracefully. Invalid flags or values: one line on stderr and exit code 2, as the seed's argparse.
 */
@Command(name = "reference-server", mixinStandardHelpOptions = true,
        description = "OpenAI-compatible reference server: a continuous-batching performance model, or llama.cpp on a GGUF file (--engine llama).")
public final class ReferenceServerMain implements Callable<Integer> {
    static final int EXIT_USAGE = 2;
    private static final ReferenceServerConfig D = ReferenceServerConfig.defaults();

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = D.host();

    @Option(names = "--port", description = "Port; 0 picks a free one (default: 8080).")
    int port = 8080;

    @Option(names = "--engine", description = "What generates tokens: simulated (profile-timed n-gram text) or llama (llama.cpp on --model <file.gguf>) (default: ${DEFAULT-VALUE}).")
    String engine = D.engine().engine();

    @Option(names = "--model", description = "simulated engine: model id served and checked (default: reference-model); llama engine: the GGUF model file.")
    String model;

    @Option(names = "--model-id", description = "Model id served and checked (default: --model for the simulated engine, the GGUF file name without .gguf for llama).")
    String modelId;

    @Option(names = "--parallel", description = "llama engine: parallel slots, i.e. requests decoded together (default: ${DEFAULT-VALUE}).")
    int parallel = D.engine().parallelSlots();

    @Option(names = "--ctx-size", description = "llama engine: context size of all slots together; each slot gets ctx-size / parallel (default: ${DEFAULT-VALUE}).")
    int ctxSize = D.engine().contextSize();

    @Option(names = "--threads", description = "llama engine: CPU threads (default: one per core).")
    int threads = D.engine().threads();

    @Option(names = "--profile", description = "Built-in profile (default, tiny, kimi-k2.5-2node) or path of a profile JSON file (default: ${DEFAULT-VALUE}).")
    String profile = D.profile();

    @Option(names = "--time-scale", description = "Multiplies every profile time; 0.1 = ten times faster (default: ${DEFAULT-VALUE}).")
    double timeScale = D.timeScale();

    @Option(names = "--max-batch-size", description = "Sequences admitted at once (default: the profile's).")
    Integer maxBatchSize;

    @Option(names = "--max-queue-size", description = "Waiting requests before 429 (default: ${DEFAULT-VALUE}).")
    int maxQueueSize = D.maxQueueSize();

    @Option(names = "--max-prompt-tokens", description = "Longest accepted prompt (default: ${DEFAULT-VALUE}).")
    int maxPromptTokens = D.maxPromptTokens();

    @Option(names = "--max-request-bytes", description = "Largest accepted request body (default: ${DEFAULT-VALUE}).")
    int maxRequestBytes = D.maxRequestBytes();

    @Option(names = "--block-size", description = "Tokens per KV block (default: ${DEFAULT-VALUE}).")
    int blockSize = D.engine().blockSize();

    @Option(names = "--num-blocks", description = "KV pool size in blocks (default: ${DEFAULT-VALUE}).")
    int numBlocks = D.engine().numBlocks();

    @Option(names = "--memory-pressure-threshold",
            description = "used/total KV blocks from which requests get 503 (default: ${DEFAULT-VALUE}).")
    double memoryPressureThreshold = D.engine().memoryPressureThreshold();

    @Option(names = "--utilization-excludes-idle-cache",
            description = "Count only blocks held by running sequences as used for utilization (the seed counts idle cached blocks too).")
    boolean utilizationExcludesIdleCache;

    @Option(names = "--max-concurrent-requests",
            description = "Generation requests served at once before 429; 0 = unlimited (default: ${DEFAULT-VALUE}; the seed's is 64).")
    int maxConcurrentRequests = D.engine().maxConcurrentRequests();

    @Option(names = "--api-key", description = "Require 'Authorization: Bearer <key>' on /v1/ routes (default: env MLX_LM_SERVER_API_KEY, else none).")
    String apiKey = System.getenv("MLX_LM_SERVER_API_KEY");

    @Option(names = "--first-token-timeout-s", description = "Stream: longest wait for the first token (default: ${DEFAULT-VALUE}).")
    double firstTokenTimeoutS = D.engine().firstTokenTimeoutS();

    @Option(names = "--request-timeout-s", description = "Stream: longest wait between tokens (default: ${DEFAULT-VALUE}).")
    double requestTimeoutS = D.engine().requestTimeoutS();

    @Option(names = "--spec-decode", description = "Speculative decoding: none, ngram, draft, mtp (default: ${DEFAULT-VALUE}).")
    String specDecode = D.engine().specDecode();

    @Option(names = "--ngram-max", description = "Longest n-gram key (default: ${DEFAULT-VALUE}).")
    int ngramMax = D.engine().ngramMax();

    @Option(names = "--ngram-min", description = "Shortest n-gram key (default: ${DEFAULT-VALUE}).")
    int ngramMin = D.engine().ngramMin();

    @Option(names = "--num-speculative-tokens", description = "Draft tokens per step, 1..20 (default: ${DEFAULT-VALUE}).")
    int numSpeculativeTokens = D.engine().numSpeculativeTokens();

    @Option(names = "--spec-decode-acceptance-threshold",
            description = "EMA acceptance below which speculation turns off (default: ${DEFAULT-VALUE}).")
    double specAcceptanceThreshold = D.engine().specAcceptanceThreshold();

    @Option(names = "--no-adaptive-k", description = "Always draft k tokens while speculating.")
    boolean noAdaptiveK;

    @Option(names = "--no-spec-decode-dynamic", description = "Never switch speculation off by acceptance.")
    boolean noSpecDynamic;

    @Option(names = "--spec-decode-disable-batch-size",
            description = "No speculation from this many running sequences; 0 = never (default: ${DEFAULT-VALUE}).")
    int specDisableBatchSize = D.engine().specDisableBatchSize();

    @Option(names = "--no-ngram-prompt-lookup", description = "N-gram lookup over generated tokens only.")
    boolean noNgramPromptLookup;

    @Option(names = "--draft-model-path", description = "Draft model name for --spec-decode draft (simulated; only reported).")
    String draftModelPath;

    @Option(names = "--draft-context-len", description = "Draft prefill context in tokens, 1..512 (default: ${DEFAULT-VALUE}).")
    int draftContextLen = D.engine().draftContextLen();

    @Option(names = "--kv-bits", description = "KV cache bits: 0 (16-bit), 4, 8 (default: ${DEFAULT-VALUE}).")
    int kvBits = D.engine().kvBits();

    @Option(names = "--kv-group-size", description = "KV quantization group size (default: ${DEFAULT-VALUE}).")
    int kvGroupSize = D.engine().kvGroupSize();

    @Option(names = "--debug-leak-kb-per-request",
            description = "Test aid: retain N KiB of heap per completed request (default: ${DEFAULT-VALUE}).")
    int debugLeakKbPerRequest = D.engine().debugLeakKbPerRequest();

    @Option(names = "--ssd-cache-dir", description = "Root of the SSD tier; without it there is none.")
    String ssdCacheDir;

    @Option(names = "--no-ssd", description = "Disable the SSD tier even with --ssd-cache-dir.")
    boolean noSsd;

    @Option(names = "--ssd-policy", description = "evict_only or write_through (default: ${DEFAULT-VALUE}).")
    String ssdPolicy = D.engine().ssdPolicy();

    @Option(names = "--ssd-async-writes", negatable = true, defaultValue = "true",
            description = "write_through on a background thread (default: true; --no-ssd-async-writes).")
    boolean ssdAsyncWrites = true;

    @Option(names = "--ssd-max-size-gb", description = "SSD size cap, 0 = unlimited (default: ${DEFAULT-VALUE}).")
    double ssdMaxSizeGb = D.engine().ssdMaxSizeGb();

    @Option(names = "--ssd-ttl-days", description = "Entries unused this long are pruned at start (default: ${DEFAULT-VALUE}).")
    double ssdTtlDays = D.engine().ssdTtlDays();

    @Override
    public Integer call() throws InterruptedException {
        ReferenceServerConfig cfg;
        ReferenceServer server;
        try {
            cfg = D.withEngineKind(engine).withParallelSlots(parallel).withContextSize(ctxSize).withThreads(threads);
            if (cfg.engine().llama()) {
                if (model == null) {
                    throw new IllegalArgumentException("--engine llama needs --model <file.gguf>");
                }
                cfg = cfg.withModelFile(model);
            } else if (model != null) {
                cfg = cfg.withModel(model);
            }
            if (modelId != null) {
                cfg = cfg.withModel(modelId);
            }
            cfg = cfg.withHost(host).withPort(port).withProfile(profile).withTimeScale(timeScale)
                    .withMaxBatchSize(maxBatchSize).withMaxQueueSize(maxQueueSize)
                    .withMaxPromptTokens(maxPromptTokens).withMaxRequestBytes(maxRequestBytes)
                    .withBlockSize(blockSize).withNumBlocks(numBlocks)
                    .withMemoryPressureThreshold(memoryPressureThreshold)
                    .withIdleCacheCountsAsUsed(!utilizationExcludesIdleCache)
                    .withMaxConcurrentRequests(maxConcurrentRequests).withApiKey(apiKey)
                    .withFirstTokenTimeoutS(firstTokenTimeoutS).withRequestTimeoutS(requestTimeoutS)
                    .withSpecDecode(specDecode).withNgramMin(1).withNgramMax(ngramMax).withNgramMin(ngramMin)
                    .withNumSpeculativeTokens(numSpeculativeTokens)
                    .withSpecAcceptanceThreshold(specAcceptanceThreshold).withAdaptiveK(!noAdaptiveK)
                    .withSpecDynamic(!noSpecDynamic).withSpecDisableBatchSize(specDisableBatchSize)
                    .withNgramPromptLookup(!noNgramPromptLookup)
                    .withDraftModelPath(draftModelPath).withDraftContextLen(draftContextLen)
                    .withKvBits(kvBits).withKvGroupSize(kvGroupSize).withDebugLeakKbPerRequest(debugLeakKbPerRequest)
                    .withSsdCacheDir(ssdCacheDir).withNoSsd(noSsd).withSsdPolicy(ssdPolicy)
                    .withSsdAsyncWrites(ssdAsyncWrites).withSsdMaxSizeGb(ssdMaxSizeGb).withSsdTtlDays(ssdTtlDays);
            server = ReferenceServer.start(cfg);
        } catch (IllegalArgumentException e) {
            System.err.println("reference-server: error: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IllegalStateException e) { // llama.cpp refused a file that looked valid
            System.err.println("reference-server: error: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "refserver-shutdown"));
        System.out.println("Reference server listening on " + server.baseUrl() + " (model " + cfg.model()
                + (cfg.engine().llama() ? ", engine llama, file " + cfg.engine().modelFile() + ", "
                + cfg.engine().parallelSlots() + " slots)"
                : ", profile " + cfg.profile() + ", time scale " + cfg.timeScale() + ")"));
        System.out.flush();
        server.awaitClosed();
        return 0;
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        System.exit(run(args));
    }

    /**
     * Without a logging configuration logback prints Netty's DEBUG start-up chatter on stdout, where the
     * one "listening on" line is expected; keep INFO unless the user configured logging.
     */
    private static void quietLibraryLogging() {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new ReferenceServerMain());
        cli.setParameterExceptionHandler((ex, a) -> {
            System.err.println("reference-server: error: " + ex.getMessage());
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }
}

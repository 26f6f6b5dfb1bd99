package llmbench.refserver;

/**
 * Settings of one reference server, immutable, with the seed server's defaults. Every value is checked
 * here, once, with a message a person can act on; {@link ReferenceServerMain} maps its flags onto the
 * {@code with…} methods and shows these messages.
 *
 * @param maxBatchSize null means "the profile's max_batch_size"
 */
public record ReferenceServerConfig(String host, int port, String model, String profile, double timeScale,
                                    Integer maxBatchSize, int maxQueueSize, int maxPromptTokens,
                                    int maxRequestBytes, int maxGenerationTokens, EngineSettings engine) {

    public static final String DEFAULT_MODEL = "reference-model";

    public ReferenceServerConfig {
        require(host != null && !host.isBlank(), "host must not be empty");
        require(port >= 0 && port <= 65535, "port must be between 0 and 65535, got " + port);
        require(model != null && !model.isBlank(), "model must not be empty");
        require(profile != null && !profile.isBlank(), "profile must not be empty");
        require(timeScale > 0 && !Double.isInfinite(timeScale), "time scale must be a positive number, got " + timeScale);
        require(maxBatchSize == null || maxBatchSize > 0, "max batch size must be at least 1, got " + maxBatchSize);
        require(maxQueueSize > 0, "max queue size must be at least 1, got " + maxQueueSize);
        require(maxPromptTokens > 0, "max prompt tokens must be at least 1, got " + maxPromptTokens);
        require(maxRequestBytes > 0, "max request bytes must be at least 1, got " + maxRequestBytes);
        require(maxGenerationTokens > 0, "max generation tokens must be at least 1, got " + maxGenerationTokens);
        require(engine != null, "engine settings must not be null");
    }

    /** The settings without engine settings (the seed's engine defaults). */
    public ReferenceServerConfig(String host, int port, String model, String profile, double timeScale,
                                 Integer maxBatchSize, int maxQueueSize, int maxPromptTokens,
                                 int maxRequestBytes, int maxGenerationTokens) {
        this(host, port, model, profile, timeScale, maxBatchSize, maxQueueSize, maxPromptTokens, maxRequestBytes,
                maxGenerationTokens, EngineSettings.defaults());
    }

    /** 127.0.0.1, a free port, model "reference-model", profile "default", time scale 1, seed limits. */
    public static ReferenceServerConfig defaults() {
        return new ReferenceServerConfig("127.0.0.1", 0, DEFAULT_MODEL, "default", 1.0, null, 128, 32768,
                1_048_576, 32768);
    }

    public ReferenceServerConfig withHost(String v) {
        return new ReferenceServerConfig(v, port, model, profile, timeScale, maxBatchSize, maxQueueSize,
                maxPromptTokens, maxRequestBytes, maxGenerationTokens, engine);
    }

    public ReferenceServerConfig withPort(int v) {
        return new ReferenceServerConfig(host, v, model, profile, timeScale, maxBatchSize, maxQueueSize,
                maxPromptTokens, maxRequestBytes, maxGenerationTokens, engine);
    }

    public ReferenceServerConfig withModel(String v) {
        return new ReferenceServerConfig(host, port, v, profile, timeScale, maxBatchSize, maxQueueSize,
                maxPromptTokens, maxRequestBytes, maxGenerationTokens, engine);
    }

    /** A built-in profile name ("default", "tiny") or the path of a profile JSON file. */
    public ReferenceServerConfig withProfile(String v) {
        return new ReferenceServerConfig(host, port, model, v, timeScale, maxBatchSize, maxQueueSize,
                maxPromptTokens, maxRequestBytes, maxGenerationTokens, engine);
    }

    /** Multiplies every profile time (0.1 = ten times faster). */
    public ReferenceServerConfig withTimeScale(double v) {
        return new ReferenceServerConfig(host, port, model, profile, v, maxBatchSize, maxQueueSize,
                maxPromptTokens, maxRequestBytes, maxGenerationTokens, engine);
    }

    public ReferenceServerConfig withMaxBatchSize(Integer v) {
        return new ReferenceServerConfig(host, port, model, profile, timeScale, v, maxQueueSize,
                maxPromptTokens, maxRequestBytes, maxGenerationTokens, engine);
    }

    public ReferenceServerConfig withMaxQueueSize(int v) {
        return new ReferenceServerConfig(host, port, model, profile, timeScale, maxBatchSize, v,
                maxPromptTokens, maxRequestBytes, maxGenerationTokens, engine);
    }

    public ReferenceServerConfig withMaxPromptTokens(int v) {
        return new ReferenceServerConfig(host, port, model, profile, timeScale, maxBatchSize, maxQueueSize,
                v, maxRequestBytes, maxGenerationTokens, engine);
    }

    public ReferenceServerConfig withMaxRequestBytes(int v) {
        return new ReferenceServerConfig(host, port, model, profile, timeScale, maxBatchSize, maxQueueSize,
                maxPromptTokens, v, maxGenerationTokens, engine);
    }

    /** The engine settings as a whole (see the individual {@code with…} methods below). */
    public ReferenceServerConfig withEngine(EngineSettings v) {
        return new ReferenceServerConfig(host, port, model, profile, timeScale, maxBatchSize, maxQueueSize,
                maxPromptTokens, maxRequestBytes, maxGenerationTokens, v);
    }

    /** Tokens per KV block (seed --block-size, 16). */
    public ReferenceServerConfig withBlockSize(int v) {
        return withEngine(engine.with(e -> e.blockSize = v));
    }

    /** KV pool size in blocks (seed --num-blocks, 2048). */
    public ReferenceServerConfig withNumBlocks(int v) {
        return withEngine(engine.with(e -> e.numBlocks = v));
    }

    /** used/total blocks from which requests get 503 memory_pressure (seed 0.9). */
    public ReferenceServerConfig withMemoryPressureThreshold(double v) {
        return withEngine(engine.with(e -> e.memoryPressureThreshold = v));
    }

    /** Whether idle cached blocks count towards utilization (seed: true). */
    public ReferenceServerConfig withIdleCacheCountsAsUsed(boolean v) {
        return withEngine(engine.with(e -> e.idleCacheCountsAsUsed = v));
    }

    /** Requests served at once before 429 rate_limit_exceeded; 0 = unlimited (ours; the seed's is 64). */
    public ReferenceServerConfig withMaxConcurrentRequests(int v) {
        return withEngine(engine.with(e -> e.maxConcurrentRequests = v));
    }

    /** Bearer key for /v1/ routes (stripped; null = none, empty refused). */
    public ReferenceServerConfig withApiKey(String v) {
        return withEngine(engine.with(e -> e.apiKey = v == null ? null : v.strip()));
    }

    /** Seconds a stream may wait for its first token (seed 300). */
    public ReferenceServerConfig withFirstTokenTimeoutS(double v) {
        return withEngine(engine.with(e -> e.firstTokenTimeoutS = v));
    }

    /** Seconds a stream may wait between tokens (seed 120). */
    public ReferenceServerConfig withRequestTimeoutS(double v) {
        return withEngine(engine.with(e -> e.requestTimeoutS = v));
    }

    /** Speculative decoding mode: none (seed default), ngram, draft or mtp. */
    public ReferenceServerConfig withSpecDecode(String v) {
        return withEngine(engine.with(e -> e.specDecode = v));
    }

    public ReferenceServerConfig withNgramMax(int v) {
        return withEngine(engine.with(e -> e.ngramMax = v));
    }

    public ReferenceServerConfig withNgramMin(int v) {
        return withEngine(engine.with(e -> e.ngramMin = v));
    }

    public ReferenceServerConfig withNumSpeculativeTokens(int v) {
        return withEngine(engine.with(e -> e.numSpeculativeTokens = v));
    }

    public ReferenceServerConfig withSpecAcceptanceThreshold(double v) {
        return withEngine(engine.with(e -> e.specAcceptanceThreshold = v));
    }

    public ReferenceServerConfig withAdaptiveK(boolean v) {
        return withEngine(engine.with(e -> e.adaptiveK = v));
    }

    public ReferenceServerConfig withSpecDynamic(boolean v) {
        return withEngine(engine.with(e -> e.specDynamic = v));
    }

    public ReferenceServerConfig withSpecDisableBatchSize(int v) {
        return withEngine(engine.with(e -> e.specDisableBatchSize = v));
    }

    public ReferenceServerConfig withNgramPromptLookup(boolean v) {
        return withEngine(engine.with(e -> e.ngramPromptLookup = v));
    }

    /** Draft model name (seed --draft-model-path); the draft is simulated, the name only reported. */
    public ReferenceServerConfig withDraftModelPath(String v) {
        return withEngine(engine.with(e -> e.draftModelPath = v));
    }

    /** Draft prefill context in tokens, 1..512 (seed --draft-context-len, 128). */
    public ReferenceServerConfig withDraftContextLen(int v) {
        return withEngine(engine.with(e -> e.draftContextLen = v));
    }

    /** KV cache bits: 0 (16-bit), 4 or 8 (seed default 8); changes memory figures, not timing. */
    public ReferenceServerConfig withKvBits(int v) {
        return withEngine(engine.with(e -> e.kvBits = v));
    }

    public ReferenceServerConfig withKvGroupSize(int v) {
        return withEngine(engine.with(e -> e.kvGroupSize = v));
    }

    /** Test aid: retain this many KiB of heap per completed request (default 0). */
    public ReferenceServerConfig withDebugLeakKbPerRequest(int v) {
        return withEngine(engine.with(e -> e.debugLeakKbPerRequest = v));
    }

    /** Root directory of the SSD tier (null = no SSD tier, our default). */
    public ReferenceServerConfig withSsdCacheDir(String v) {
        return withEngine(engine.with(e -> e.ssdCacheDir = v));
    }

    public ReferenceServerConfig withNoSsd(boolean v) {
        return withEngine(engine.with(e -> e.noSsd = v));
    }

    /** evict_only (seed default) or write_through. */
    public ReferenceServerConfig withSsdPolicy(String v) {
        return withEngine(engine.with(e -> e.ssdPolicy = v));
    }

    public ReferenceServerConfig withSsdAsyncWrites(boolean v) {
        return withEngine(engine.with(e -> e.ssdAsyncWrites = v));
    }

    public ReferenceServerConfig withSsdMaxSizeGb(double v) {
        return withEngine(engine.with(e -> e.ssdMaxSizeGb = v));
    }

    public ReferenceServerConfig withSsdTtlDays(double v) {
        return withEngine(engine.with(e -> e.ssdTtlDays = v));
    }

    /** {@code simulated} (default) or {@code llama}. */
    public ReferenceServerConfig withEngineKind(String v) {
        return withEngine(engine.with(e -> e.engine = v));
    }

    /**
     * The llama engine's GGUF file; also sets the served model id to the file name without {@code .gguf}
     * (call {@link #withModel} afterwards to serve another id).
     */
    public ReferenceServerConfig withModelFile(String v) {
        ReferenceServerConfig c = withEngine(engine.with(e -> e.modelFile = v));
        if (v == null || v.isBlank()) {
            return c;
        }
        String name = java.nio.file.Path.of(v.strip()).getFileName().toString();
        return c.withModel(name.endsWith(".gguf") && name.length() > 5 ? name.substring(0, name.length() - 5) : name);
    }

    /** llama engine: parallel slots (and worker threads), llama.cpp {@code --parallel}. */
    public ReferenceServerConfig withParallelSlots(int v) {
        return withEngine(engine.with(e -> e.parallelSlots = v));
    }

    /** llama engine: context size of all slots together. */
    public ReferenceServerConfig withContextSize(int v) {
        return withEngine(engine.with(e -> e.contextSize = v));
    }

    /** llama engine: CPU threads. */
    public ReferenceServerConfig withThreads(int v) {
        return withEngine(engine.with(e -> e.threads = v));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

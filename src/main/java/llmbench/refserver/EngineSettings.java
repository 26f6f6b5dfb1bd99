package llmbench.refserver;

import java.util.function.Consumer;

/**
 * The engine-side settings of a reference server that the seed server also has (KV block cache, limits,
 * speculative decoding, KV quantization), with the seed's defaults. Immutable from outside: every
 * {@code with…} method returns a checked copy. {@link ReferenceServerConfig} exposes each as its own
 * {@code with…} method, and {@link ReferenceServerMain} as a flag.
 */
public final class EngineSettings {
    int blockSize = 16;
    int numBlocks = 2048;
    double memoryPressureThreshold = 0.9;
    boolean idleCacheCountsAsUsed = true;
    int maxConcurrentRequests = 0;
    String apiKey = null;
    double firstTokenTimeoutS = 300.0;
    double requestTimeoutS = 120.0;
    String specDecode = "none";
    int ngramMax = 4;
    int ngramMin = 1;
    int numSpeculativeTokens = 5;
    double specAcceptanceThreshold = 0.3;
    boolean adaptiveK = true;
    boolean specDynamic = true;
    int specDisableBatchSize = 8;
    boolean ngramPromptLookup = true;
    String draftModelPath = null;
    int draftContextLen = 128;
    int kvBits = 8;
    int kvGroupSize = 64;
    int debugLeakKbPerRequest = 0;
    String ssdCacheDir = null;
    boolean noSsd = false;
    String ssdPolicy = "evict_only";
    boolean ssdAsyncWrites = true;
    double ssdMaxSizeGb = 50.0;
    double ssdTtlDays = 7.0;
    String engine = "simulated";
    String modelFile = null;
    int parallelSlots = 4;
    int contextSize = 2048;
    int threads = Runtime.getRuntime().availableProcessors();

    EngineSettings() {
    }

    private EngineSettings(EngineSettings o) {
        blockSize = o.blockSize;
        numBlocks = o.numBlocks;
        memoryPressureThreshold = o.memoryPressureThreshold;
        idleCacheCountsAsUsed = o.idleCacheCountsAsUsed;
        maxConcurrentRequests = o.maxConcurrentRequests;
        apiKey = o.apiKey;
        firstTokenTimeoutS = o.firstTokenTimeoutS;
        requestTimeoutS = o.requestTimeoutS;
        specDecode = o.specDecode;
        ngramMax = o.ngramMax;
        ngramMin = o.ngramMin;
        numSpeculativeTokens = o.numSpeculativeTokens;
        specAcceptanceThreshold = o.specAcceptanceThreshold;
        adaptiveK = o.adaptiveK;
        specDynamic = o.specDynamic;
        specDisableBatchSize = o.specDisableBatchSize;
        ngramPromptLookup = o.ngramPromptLookup;
        draftModelPath = o.draftModelPath;
        draftContextLen = o.draftContextLen;
        kvBits = o.kvBits;
        kvGroupSize = o.kvGroupSize;
        debugLeakKbPerRequest = o.debugLeakKbPerRequest;
        ssdCacheDir = o.ssdCacheDir;
        noSsd = o.noSsd;
        ssdPolicy = o.ssdPolicy;
        ssdAsyncWrites = o.ssdAsyncWrites;
        ssdMaxSizeGb = o.ssdMaxSizeGb;
        ssdTtlDays = o.ssdTtlDays;
        engine = o.engine;
        modelFile = o.modelFile;
        parallelSlots = o.parallelSlots;
        contextSize = o.contextSize;
        threads = o.threads;
    }

    /** The seed's defaults. */
    public static EngineSettings defaults() {
        return new EngineSettings();
    }

    EngineSettings with(Consumer<EngineSettings> change) {
        EngineSettings copy = new EngineSettings(this);
        change.accept(copy);
        copy.validate();
        return copy;
    }

    private void validate() {
        require(blockSize > 0, "block size must be at least 1, got " + blockSize);
        require(numBlocks > 0, "number of blocks must be at least 1, got " + numBlocks);
        require(memoryPressureThreshold >= 0 && memoryPressureThreshold <= 1,
                "memory pressure threshold must be between 0 and 1, got " + memoryPressureThreshold);
        require(maxConcurrentRequests >= 0, "max concurrent requests must be 0 (unlimited) or more, got "
                + maxConcurrentRequests);
        require(apiKey == null || !apiKey.isEmpty(), "API key must not be empty");
        require(firstTokenTimeoutS > 0 && Double.isFinite(firstTokenTimeoutS),
                "first-token timeout must be a positive number of seconds, got " + firstTokenTimeoutS);
        require(requestTimeoutS > 0 && Double.isFinite(requestTimeoutS),
                "request timeout must be a positive number of seconds, got " + requestTimeoutS);
        require(java.util.List.of("none", "ngram", "draft", "mtp").contains(specDecode),
                "spec decode must be none, ngram, draft or mtp, got " + specDecode);
        require(ngramMin >= 1, "ngram-min must be at least 1, got " + ngramMin);
        require(ngramMax >= ngramMin, "ngram-max must be at least ngram-min, got " + ngramMax);
        require(numSpeculativeTokens >= 1 && numSpeculativeTokens <= 20,
                "num speculative tokens must be between 1 and 20, got " + numSpeculativeTokens);
        require(specAcceptanceThreshold >= 0 && specAcceptanceThreshold <= 1,
                "spec decode acceptance threshold must be between 0 and 1, got " + specAcceptanceThreshold);
        require(draftModelPath == null || !draftModelPath.isBlank(), "draft model path must not be empty");
        require(draftContextLen >= 1 && draftContextLen <= 512,
                "draft context len must be between 1 and 512, got " + draftContextLen);
        require(kvBits == 0 || kvBits == 4 || kvBits == 8, "kv bits must be 0 (16-bit), 4 or 8, got " + kvBits);
        require(kvGroupSize > 0, "kv group size must be at least 1, got " + kvGroupSize);
        require(debugLeakKbPerRequest >= 0, "debug leak must be 0 or more KiB, got " + debugLeakKbPerRequest);
        require(ssdPolicy.equals("evict_only") || ssdPolicy.equals("write_through"),
                "ssd policy must be evict_only or write_through, got " + ssdPolicy);
        require(ssdMaxSizeGb >= 0 && Double.isFinite(ssdMaxSizeGb), "ssd max size must be >= 0 GB, got " + ssdMaxSizeGb);
        require(ssdTtlDays > 0 && Double.isFinite(ssdTtlDays), "ssd ttl must be > 0 days, got " + ssdTtlDays);
        require(ssdCacheDir == null || !ssdCacheDir.isBlank(), "ssd cache dir must not be empty");
        require(ENGINES.contains(engine), "engine must be " + String.join(" or ", ENGINES) + ", got " + engine);
        require(parallelSlots >= 1, "parallel slots must be at least 1, got " + parallelSlots);
        require(contextSize >= 16 * parallelSlots, "context size " + contextSize
                + " leaves fewer than 16 tokens for each of " + parallelSlots + " slots");
        require(threads >= 1, "threads must be at least 1, got " + threads);
        require(specDisableBatchSize >= 0, "spec decode disable batch size must be 0 (never) or more, got "
                + specDisableBatchSize);
    }

    /** What generates tokens: the profile-driven simulation, or llama.cpp on a GGUF model. */
    public static final java.util.List<String> ENGINES = java.util.List.of("simulated", "llama");

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Tokens per KV block (seed {@code --block-size}). */
    public int blockSize() {
        return blockSize;
    }

    /** Blocks in the KV pool (seed {@code --num-blocks}). */
    public int numBlocks() {
        return numBlocks;
    }

    /** used/total blocks at or above which generation requests get 503 and /health says overloaded. */
    public double memoryPressureThreshold() {
        return memoryPressureThreshold;
    }

    /**
     * True (the seed's rule): idle cached prefix blocks count as used, so utilization grows with the
     * cache's contents. False: only blocks held by running sequences count.
     */
    public boolean idleCacheCountsAsUsed() {
        return idleCacheCountsAsUsed;
    }

    /**
     * Generation requests (and /v1/spec_decode/metrics) served at once; 0 = unlimited. The seed's default is
     * 64; ours is 0 so that existing load tests are not limited unless they ask for it.
     */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /** Bearer key required on /v1/ routes, or null for none (already stripped). */
    public String apiKey() {
        return apiKey;
    }

    /** Streaming: longest wait for the first token; non-streaming: part of max(first, request). */
    public double firstTokenTimeoutS() {
        return firstTokenTimeoutS;
    }

    /** Streaming: longest wait between tokens; non-streaming: part of max(first, request). */
    public double requestTimeoutS() {
        return requestTimeoutS;
    }

    /** none, ngram, draft (simulated draft model) or mtp (simulated multi-token-prediction heads). */
    public String specDecode() {
        return specDecode;
    }

    public int ngramMax() {
        return ngramMax;
    }

    public int ngramMin() {
        return ngramMin;
    }

    /** k: the most draft tokens per step. */
    public int numSpeculativeTokens() {
        return numSpeculativeTokens;
    }

    /** EMA acceptance below which speculation switches itself off. */
    public double specAcceptanceThreshold() {
        return specAcceptanceThreshold;
    }

    public boolean adaptiveK() {
        return adaptiveK;
    }

    /** Dynamic control (EMA threshold) on. */
    public boolean specDynamic() {
        return specDynamic;
    }

    /** Batch size from which no speculative step runs; 0 = never. */
    public int specDisableBatchSize() {
        return specDisableBatchSize;
    }

    /** N-gram lookup over prompt + generated tokens (true) or generated tokens only. */
    public boolean ngramPromptLookup() {
        return ngramPromptLookup;
    }

    /**
     * Name of the draft model (seed {@code --draft-model-path}), or null. The draft is simulated from the
     * profile, so the name is only reported (in /health); unlike the seed, mode draft does not require it.
     */
    public String draftModelPath() {
        return draftModelPath;
    }

    /**
     * Draft prefill context (seed {@code --draft-context-len}, 1..512): at each speculative step the draft
     * prefills the last min(history, this) tokens of every sequence (see {@code SpecCosts}).
     */
    public int draftContextLen() {
        return draftContextLen;
    }

    /** KV cache bits per value: 0 = 16-bit (unquantized), 4 or 8 (seed default 8). */
    public int kvBits() {
        return kvBits;
    }

    /** Values per quantization group (one 16-bit scale and bias each). */
    public int kvGroupSize() {
        return kvGroupSize;
    }

    /** Test aid: KiB of heap retained per completed request (0 = off). */
    public int debugLeakKbPerRequest() {
        return debugLeakKbPerRequest;
    }

    /**
     * Root of the SSD tier, or null. Unlike the seed (default ~/.cache/mlx-lm-server/kv-cache, on unless
     * --no-ssd), the SSD tier is off unless a directory is given.
     */
    public String ssdCacheDir() {
        return ssdCacheDir;
    }

    /** The SSD tier is in use: a directory is set and --no-ssd is not. */
    public boolean ssdEnabled() {
        return ssdCacheDir != null && !noSsd;
    }

    /** evict_only or write_through. */
    public String ssdPolicy() {
        return ssdPolicy;
    }

    public boolean ssdAsyncWrites() {
        return ssdAsyncWrites;
    }

    /** 0 = unlimited; bytes = GB · 1024³ as in the seed. */
    public double ssdMaxSizeGb() {
        return ssdMaxSizeGb;
    }

    public double ssdTtlDays() {
        return ssdTtlDays;
    }

    /** {@code simulated} (default: n-gram text model, profile timing) or {@code llama} (llama.cpp). */
    public String engine() {
        return engine;
    }

    public boolean llama() {
        return engine.equals("llama");
    }

    /** The GGUF file of the llama engine, or null. */
    public String modelFile() {
        return modelFile;
    }

    /** llama engine: sequences decoded together (llama.cpp {@code --parallel}); also its worker threads. */
    public int parallelSlots() {
        return parallelSlots;
    }

    /** llama engine: KV cache tokens for all slots together (each slot gets contextSize / parallelSlots). */
    public int contextSize() {
        return contextSize;
    }

    /** llama engine: CPU threads of llama.cpp. */
    public int threads() {
        return threads;
    }
}

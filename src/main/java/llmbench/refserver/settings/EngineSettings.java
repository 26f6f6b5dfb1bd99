package llmbench.refserver.settings;

import picocli.CommandLine.Option;

/**
 * The engine-side settings of a reference server that the seed server also has (KV block cache, limits,
 * speculative decoding, KV quantization), with the seed's defaults. Each is declared once, here: the field
 * is the command-line flag (picocli sets it; name, help and default — the field's initial value — in its
 * {@code @Option}), {@link #validate()} holds the bounds, and the accessor below it is how the server reads
 * it. {@link llmbench.refserver.ReferenceServerMain} mixes these flags in; Java callers go through
 * {@link ReferenceServerConfig#withFlags}. Immutable from outside: only picocli writes the fields, on a copy
 * that is checked before anyone sees it.
 */
public final class EngineSettings {
    @Option(names = "--block-size", description = "Tokens per KV block (default: ${DEFAULT-VALUE}).")
    int blockSize = 16;

    @Option(names = "--num-blocks", description = "KV pool size in blocks (default: ${DEFAULT-VALUE}).")
    int numBlocks = 2048;

    @Option(names = "--memory-pressure-threshold",
            description = "used/total KV blocks from which requests get 503 (default: ${DEFAULT-VALUE}).")
    double memoryPressureThreshold = 0.9;

    @Option(names = "--utilization-excludes-idle-cache",
            description = "Count only blocks held by running sequences as used for utilization (the seed counts idle cached blocks too).")
    boolean utilizationExcludesIdleCache = false;

    @Option(names = "--max-concurrent-requests",
            description = "Generation requests served at once before 429; 0 = unlimited (default: ${DEFAULT-VALUE}; the seed's is 64).")
    int maxConcurrentRequests = 0;

    @Option(names = "--api-key", description = "Require 'Authorization: Bearer <key>' on /v1/ routes (default: env MLX_LM_SERVER_API_KEY, else none).")
    String apiKey = null;

    @Option(names = "--first-token-timeout-s", description = "Stream: longest wait for the first token (default: ${DEFAULT-VALUE}).")
    double firstTokenTimeoutS = 300.0;

    @Option(names = "--request-timeout-s", description = "Stream: longest wait between tokens (default: ${DEFAULT-VALUE}).")
    double requestTimeoutS = 120.0;

    @Option(names = "--spec-decode", description = "Speculative decoding: none, ngram, draft, mtp (default: ${DEFAULT-VALUE}).")
    String specDecode = "none";

    @Option(names = "--ngram-max", description = "Longest n-gram key (default: ${DEFAULT-VALUE}).")
    int ngramMax = 4;

    @Option(names = "--ngram-min", description = "Shortest n-gram key (default: ${DEFAULT-VALUE}).")
    int ngramMin = 1;

    @Option(names = "--num-speculative-tokens", description = "Draft tokens per step, 1..20 (default: ${DEFAULT-VALUE}).")
    int numSpeculativeTokens = 5;

    @Option(names = "--spec-decode-acceptance-threshold",
            description = "EMA acceptance below which speculation turns off (default: ${DEFAULT-VALUE}).")
    double specAcceptanceThreshold = 0.3;

    @Option(names = "--no-adaptive-k", description = "Always draft k tokens while speculating.")
    boolean noAdaptiveK = false;

    @Option(names = "--no-spec-decode-dynamic", description = "Never switch speculation off by acceptance.")
    boolean noSpecDynamic = false;

    @Option(names = "--spec-decode-disable-batch-size",
            description = "No speculation from this many running sequences; 0 = never (default: ${DEFAULT-VALUE}).")
    int specDisableBatchSize = 8;

    @Option(names = "--no-ngram-prompt-lookup", description = "N-gram lookup over generated tokens only.")
    boolean noNgramPromptLookup = false;

    @Option(names = "--draft-model-path", description = "Draft model name for --spec-decode draft (simulated; only reported).")
    String draftModelPath = null;

    @Option(names = "--draft-context-len", description = "Draft prefill context in tokens, 1..512 (default: ${DEFAULT-VALUE}).")
    int draftContextLen = 128;

    @Option(names = "--kv-bits", description = "KV cache bits: 0 (16-bit), 4, 8 (default: ${DEFAULT-VALUE}).")
    int kvBits = 8;

    @Option(names = "--kv-group-size", description = "KV quantization group size (default: ${DEFAULT-VALUE}).")
    int kvGroupSize = 64;

    @Option(names = "--debug-leak-kb-per-request",
            description = "Test aid: retain N KiB of heap per completed request (default: ${DEFAULT-VALUE}).")
    int debugLeakKbPerRequest = 0;

    @Option(names = "--ssd-cache-dir", description = "Root of the SSD tier; without it there is none.")
    String ssdCacheDir = null;

    @Option(names = "--no-ssd", description = "Disable the SSD tier even with --ssd-cache-dir.")
    boolean noSsd = false;

    @Option(names = "--ssd-policy", description = "evict_only or write_through (default: ${DEFAULT-VALUE}).")
    String ssdPolicy = "evict_only";

    // picocli sets a negatable flag to the opposite of its defaultValue when named as declared and to the
    // default when negated, so a flag that is on by default is declared by its "--no-" form
    @Option(names = "--no-ssd-async-writes", negatable = true, defaultValue = "true",
            description = "write_through on a background thread (default: true; --no-ssd-async-writes).")
    boolean ssdAsyncWrites = true;

    @Option(names = "--ssd-max-size-gb", description = "SSD size cap, 0 = unlimited (default: ${DEFAULT-VALUE}).")
    double ssdMaxSizeGb = 50.0;

    @Option(names = "--ssd-ttl-days", description = "Entries unused this long are pruned at start (default: ${DEFAULT-VALUE}).")
    double ssdTtlDays = 7.0;

    @Option(names = "--engine", description = "What generates tokens: simulated (profile-timed n-gram text) or llama (llama.cpp on --model <file.gguf>) (default: ${DEFAULT-VALUE}).")
    String engine = "simulated";

    /** The llama engine's GGUF file: no flag of its own (ReferenceServerMain maps {@code --model} onto it). */
    String modelFile = null;

    @Option(names = "--parallel", paramLabel = "<parallel>", description = "llama engine: parallel slots, i.e. requests decoded together (default: ${DEFAULT-VALUE}).")
    int parallelSlots = 4;

    @Option(names = "--ctx-size", paramLabel = "<ctxSize>", description = "llama engine: context size of all slots together; each slot gets ctx-size / parallel (default: ${DEFAULT-VALUE}).")
    int contextSize = 2048;

    @Option(names = "--threads", description = "llama engine: CPU threads (default: one per core).")
    int threads = Runtime.getRuntime().availableProcessors();

    EngineSettings() {
    }

    /** The seed's defaults. */
    public static EngineSettings defaults() {
        return new EngineSettings();
    }

    /** Strips the API key (the seed strips it) and checks every value; called on each new copy. */
    void validate() {
        apiKey = apiKey == null ? null : apiKey.strip();
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
        return !utilizationExcludesIdleCache;
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
        return !noAdaptiveK;
    }

    /** Dynamic control (EMA threshold) on. */
    public boolean specDynamic() {
        return !noSpecDynamic;
    }

    /** Batch size from which no speculative step runs; 0 = never. */
    public int specDisableBatchSize() {
        return specDisableBatchSize;
    }

    /** N-gram lookup over prompt + generated tokens (true) or generated tokens only. */
    public boolean ngramPromptLookup() {
        return !noNgramPromptLookup;
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

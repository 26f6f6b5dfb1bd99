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
    }

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
}

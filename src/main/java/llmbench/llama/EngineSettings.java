package llmbench.llama;

import java.nio.file.Path;

/**
 * How a {@link LlamaEngine} is loaded.
 *
 * @param modelFile    GGUF file
 * @param contextSize  KV-cache size in tokens for all slots together; llama.cpp gives each slot
 *                     {@code contextSize / parallelSlots}
 * @param parallelSlots sequences decoded together (llama.cpp {@code --parallel}, continuous batching on)
 * @param threads      CPU threads for prompt processing and decoding
 */
public record EngineSettings(Path modelFile, int contextSize, int parallelSlots, int threads) {

    public EngineSettings {
        if (modelFile == null) {
            throw new IllegalArgumentException("llama model file must be given");
        }
        if (parallelSlots < 1) {
            throw new IllegalArgumentException("parallel slots must be at least 1, got " + parallelSlots);
        }
        if (contextSize < 16 * parallelSlots) {
            throw new IllegalArgumentException("context size " + contextSize + " leaves fewer than 16 tokens for each of "
                    + parallelSlots + " slots");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** The model of {@link ModelLocation#resolve()}, 4 slots of 512 tokens, one thread per core. */
    public static EngineSettings defaults() {
        return new EngineSettings(ModelLocation.resolve(), 2048, 4, Runtime.getRuntime().availableProcessors());
    }

    public EngineSettings withModelFile(Path file) {
        return new EngineSettings(file, contextSize, parallelSlots, threads);
    }

    public EngineSettings withContextSize(int tokens) {
        return new EngineSettings(modelFile, tokens, parallelSlots, threads);
    }

    public EngineSettings withParallelSlots(int slots) {
        return new EngineSettings(modelFile, contextSize, slots, threads);
    }

    public EngineSettings withThreads(int n) {
        return new EngineSettings(modelFile, contextSize, parallelSlots, n);
    }

    public int contextPerSlot() {
        return contextSize / parallelSlots;
    }
}

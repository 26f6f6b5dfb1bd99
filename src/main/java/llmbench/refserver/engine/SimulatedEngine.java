package llmbench.refserver.engine;

import llmbench.refserver.kvcache.BlockHashes;
import llmbench.refserver.kvcache.KvBlockCache;
import llmbench.refserver.model.Sampling;
import llmbench.refserver.model.TextGenerator;
import llmbench.refserver.model.Tokenizer;
import llmbench.refserver.scheduler.BatchScheduler;
import llmbench.refserver.scheduler.Sequence;
import llmbench.refserver.scheduler.TokenSink;
import llmbench.refserver.spec.SpecController;
import org.HdrHistogram.Histogram;

/**
 * The built-in engine: text from a {@link TextGenerator}, timing from the {@link BatchScheduler} and its
 * performance profile. Checks in the seed's order: tokenize → empty prompt → prompt too long → max_tokens
 * ≥ 1 (all 400) → clamp → memory pressure (503) → queue (429).
 */
public final class SimulatedEngine implements Engine {
    /** The limits this engine checks a request against. */
    public record Limits(int maxPromptTokens, int maxGenerationTokens, int blockSize,
                         double memoryPressureThreshold, boolean idleCacheCountsAsUsed) {
    }

    private final BatchScheduler scheduler;
    private final TextGenerator model;
    private final Tokenizer tokenizer;
    private final Limits limits;

    public SimulatedEngine(BatchScheduler scheduler, TextGenerator model, Tokenizer tokenizer, Limits limits) {
        this.scheduler = scheduler;
        this.model = model;
        this.tokenizer = tokenizer;
        this.limits = limits;
    }

    @Override
    public int[] tokenize(String text) {
        return tokenizer.encode(text);
    }

    @Override
    public int maxPromptTokens() {
        return limits.maxPromptTokens();
    }

    @Override
    public Admission admit(EngineRequest r) {
        int[] promptIds = tokenizer.encode(r.prompt());
        int promptTokens = promptIds.length;
        if (promptTokens == 0) {
            throw EngineRefusal.badRequest("Prompt must not be empty");
        }
        if (promptTokens > limits.maxPromptTokens()) {
            throw EngineRefusal.badRequest("Prompt too long: " + promptTokens + " tokens exceeds maximum of "
                    + limits.maxPromptTokens());
        }
        if (r.maxTokens() <= 0) {
            throw EngineRefusal.badRequest("max_tokens must be at least 1");
        }
        int maxTokens = (int) Math.min(r.maxTokens(), limits.maxGenerationTokens());
        KvBlockCache cache = scheduler.cache();
        if (EngineStatus.utilization(cache == null ? null : cache.snapshot(), limits.idleCacheCountsAsUsed())
                >= limits.memoryPressureThreshold()) {
            throw EngineRefusal.memoryPressure();
        }
        String[] blockHashes = BlockHashes.chain(promptIds, limits.blockSize());
        boolean reserved;
        try {
            reserved = scheduler.reserve();
        } catch (IllegalStateException closed) {
            throw EngineRefusal.shuttingDown();
        }
        if (!reserved) {
            throw EngineRefusal.queueFull(scheduler.maxQueueSize());
        }
        TextGenerator.Generation generation;
        try {
            generation = model.begin(r.prompt(), new Sampling(r.temperature(), r.topP()));
            if (r.minTokens() > 0) {
                generation = new AtLeast(model, generation, new Sampling(r.temperature(), r.topP()), r.minTokens());
            }
        } catch (RuntimeException e) {
            scheduler.unreserve();
            throw e;
        }
        return new Reserved(promptTokens, maxTokens, generation, r, blockHashes, promptIds);
    }

    /** A place in the scheduler's queue; the sequence exists from {@link #start} on. */
    private final class Reserved implements Admission {
        private final int promptTokens;
        private final int maxTokens;
        private final TextGenerator.Generation generation;
        private final EngineRequest request;
        private final String[] blockHashes;
        private final int[] promptIds;
        private volatile Sequence sequence;
        private volatile boolean cancelled;

        Reserved(int promptTokens, int maxTokens, TextGenerator.Generation generation, EngineRequest request,
                 String[] blockHashes, int[] promptIds) {
            this.promptTokens = promptTokens;
            this.maxTokens = maxTokens;
            this.generation = generation;
            this.request = request;
            this.blockHashes = blockHashes;
            this.promptIds = promptIds;
        }

        @Override
        public int promptTokens() {
            return promptTokens;
        }

        @Override
        public void start(TokenSink sink, Runnable onEnd) {
            Sequence s = new Sequence(promptTokens, maxTokens, generation, request.stop(), sink, blockHashes,
                    promptIds);
            if (onEnd != null) {
                s.onEnd(onEnd);
            }
            sequence = s;
            if (cancelled) {
                s.cancel(); // the scheduler drops it at its next step, as any cancelled sequence
            }
            scheduler.submitReserved(s);
        }

        @Override
        public void cancel() {
            cancelled = true;
            Sequence s = sequence;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void abandon() {
            scheduler.unreserve();
        }
    }

    @Override
    public EngineStatus status() {
        KvBlockCache cache = scheduler.cache();
        long[] spec = scheduler.specTokens();
        return new EngineStatus(scheduler.isOpen(), scheduler.stats(), cache == null ? null : cache.snapshot(),
                cache == null || cache.ssd() == null ? null : cache.ssd().stats(), scheduler.secondsSinceLastStep(),
                spec[0], spec[1], null);
    }

    @Override
    public SpecController.Metrics specDecode() {
        SpecController spec = scheduler.spec();
        return spec == null ? null : spec.metrics();
    }

    @Override
    public Histogram resetEmitLag() {
        return scheduler.resetEmitLag();
    }

    @Override
    public void close() {
        scheduler.close();
    }

    /**
     * min_tokens / ignore_eos: an end-of-sequence before {@code min} pieces is not emitted; the model begins
     * again on what it has written so far and goes on (on the scheduler thread; the text so far is short).
     */
    private static final class AtLeast implements TextGenerator.Generation {
        private final TextGenerator model;
        private final Sampling sampling;
        private final long min;
        private final StringBuilder written = new StringBuilder();
        private TextGenerator.Generation current;
        private long pieces;

        AtLeast(TextGenerator model, TextGenerator.Generation first, Sampling sampling, long min) {
            this.model = model;
            this.current = first;
            this.sampling = sampling;
            this.min = min;
        }

        @Override
        public String nextPiece() {
            String piece = current.nextPiece();
            while (piece == EOS && pieces < min) {
                current = model.begin(written.isEmpty() ? "\n" : written.toString(), sampling);
                piece = current.nextPiece();
            }
            if (piece != EOS) {
                pieces++;
                written.append(piece);
            }
            return piece;
        }
    }
}

package llmbench.refserver.scheduler;

import java.util.ArrayList;
import java.util.List;
import llmbench.refserver.kvcache.KvBlockCache;
import llmbench.refserver.model.TextGenerator.Generation;

/**
 * One request inside the scheduler: its prompt length (for prefill), its generation and its sink.
 * Fields other than {@link #cancel()} are touched by the scheduler thread only.
 */
public final class Sequence {
    private final int promptTokens;
    private final int maxTokens;
    private final Generation generation;
    private final StopSequenceFilter stopFilter;
    private final TokenSink sink;
    private final String[] blockHashes;
    private volatile boolean cancelled;
    private KvBlockCache.SequenceBlocks kv;
    private Runnable onEnd;

    private int prefilled;
    private int generated;
    private boolean finished;
    private final List<TokenSink.Chunk> stepChunks = new ArrayList<>(2);
    private TokenSink.Completion completion;

    /**
     * @param stops stop strings (empty ones are ignored); none means one chunk per token event
     */
    public Sequence(int promptTokens, int maxTokens, Generation generation, List<String> stops, TokenSink sink) {
        this(promptTokens, maxTokens, generation, stops, sink, new String[0]);
    }

    /**
     * @param blockHashes chained hashes of the prompt's full KV blocks (see
     *                    {@link llmbench.refserver.kvcache.BlockHashes}); none means nothing to reuse
     */
    public Sequence(int promptTokens, int maxTokens, Generation generation, List<String> stops, TokenSink sink,
                    String[] blockHashes) {
        this.blockHashes = blockHashes;
        if (promptTokens < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("a sequence needs at least one prompt token and max_tokens >= 1");
        }
        this.promptTokens = promptTokens;
        this.maxTokens = maxTokens;
        this.generation = generation;
        List<String> nonEmpty = stops.stream().filter(s -> !s.isEmpty()).toList();
        this.stopFilter = nonEmpty.isEmpty() ? null : new StopSequenceFilter(nonEmpty);
        this.sink = sink;
    }

    /** Asks the scheduler to drop this sequence at its next step (any thread). */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs once, on the scheduler thread, when the sequence finishes or is dropped (e.g. frees a permit). */
    public void onEnd(Runnable action) {
        onEnd = action;
    }

    void ended() {
        Runnable r = onEnd;
        onEnd = null;
        if (r != null) {
            r.run();
        }
    }

    String[] blockHashes() {
        return blockHashes;
    }

    KvBlockCache.SequenceBlocks kv() {
        return kv;
    }

    /** Admitted with these blocks; their cached prompt tokens count as prefilled. */
    void attach(KvBlockCache.SequenceBlocks blocks) {
        kv = blocks;
        prefilled = blocks.cachedTokens();
    }

    int generated() {
        return generated;
    }

    int promptTokens() {
        return promptTokens;
    }

    int prefilled() {
        return prefilled;
    }

    boolean prefillDone() {
        return prefilled >= promptTokens;
    }

    int remainingPrompt() {
        return promptTokens - prefilled;
    }

    void prefill(int tokens) {
        prefilled += tokens;
    }

    boolean finished() {
        return finished;
    }

    TokenSink sink() {
        return sink;
    }

    /**
     * Produces one token event into this step's output. finish_reason is "length" once max_tokens
     * events were produced (checked before EOS, as in the seed), "stop" for EOS or a stop string.
     */
    void produceToken() {
        String piece = generation.nextPiece();
        boolean eos = piece == Generation.EOS;
        generated++;
        String text = eos ? "" : piece;
        String finish = generated >= maxTokens ? "length" : eos ? "stop" : null;
        boolean byStopString = false;
        if (stopFilter == null) {
            stepChunks.add(new TokenSink.Chunk(text, finish));
        } else {
            String safe = stopFilter.accept(text);
            if (stopFilter.stopped()) {
                finish = "stop";
                byStopString = true;
            } else if (finish != null) {
                safe = safe + stopFilter.drain();
            }
            if (!safe.isEmpty()) {
                stepChunks.add(new TokenSink.Chunk(safe, null));
            }
            if (finish != null) {
                stepChunks.add(new TokenSink.Chunk("", finish));
            }
        }
        if (finish != null) {
            finished = true;
            completion = new TokenSink.Completion(finish, generated, eos, byStopString);
        }
    }

    /** Has the sink prepare this step's output; null if there is none. */
    TokenSink.Emission prepareStep() {
        if (stepChunks.isEmpty() && completion == null) {
            return null;
        }
        List<TokenSink.Chunk> chunks = List.copyOf(stepChunks);
        stepChunks.clear();
        return sink.prepare(chunks, completion);
    }
}

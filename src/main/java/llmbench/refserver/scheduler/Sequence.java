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
    private final int promptIdCount;
    /** Token ids so far: the prompt's, then each generated one (EOS = -1). Scheduler thread only. */
    private int[] history;
    private int historyLength;
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
        this(promptTokens, maxTokens, generation, stops, sink, new String[0], new int[0]);
    }

    /**
     * @param blockHashes chained hashes of the prompt's full KV blocks (see
     *                    {@link llmbench.refserver.kvcache.BlockHashes}); none means nothing to reuse
     * @param promptIds   the prompt's token ids (the n-gram proposer's context); may be empty
     */
    public Sequence(int promptTokens, int maxTokens, Generation generation, List<String> stops, TokenSink sink,
                    String[] blockHashes, int[] promptIds) {
        this.blockHashes = blockHashes;
        this.promptIdCount = promptIds.length;
        this.history = java.util.Arrays.copyOf(promptIds, promptIds.length + 64);
        this.historyLength = promptIds.length;
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

    /** The prompt's token ids (a copy). */
    int[] promptIds() {
        return java.util.Arrays.copyOf(history, promptIdCount);
    }

    int[] history() {
        return history;
    }

    int historyLength() {
        return historyLength;
    }

    /** Where the generated part of {@link #history()} starts. */
    int promptIdCount() {
        return promptIdCount;
    }

    /**
     * Speculative step with draft tokens: emits the generator's tokens while they equal the draft, then
     * one more (the correction at the first mismatch, or the bonus after a fully accepted draft) — i.e.
     * accepted + 1 tokens, fewer if the sequence finishes. The text is exactly what plain decoding gives.
     *
     * @return draft tokens accepted
     */
    int verify(int[] draft) {
        int accepted = 0;
        for (int d : draft) {
            int id = produceToken();
            if (id != d) {
                return accepted;
            }
            accepted++;
            if (finished) {
                return accepted;
            }
        }
        produceToken();
        return accepted;
    }

    /**
     * Speculative step with a simulated draft of {@code k} tokens, each agreeing with the generator's next
     * token with probability {@code agreement} until the first disagreement: emits accepted + 1 tokens.
     */
    int verifySimulated(int k, double agreement, java.util.SplittableRandom random) {
        int agree = 0;
        while (agree < k && random.nextDouble() < agreement) {
            agree++;
        }
        int accepted = 0;
        for (int i = 0; i < agree; i++) {
            produceToken();
            accepted++;
            if (finished) {
                return accepted;
            }
        }
        produceToken();
        return accepted;
    }

    /**
     * Produces one token event into this step's output. finish_reason is "length" once max_tokens
     * events were produced (checked before EOS, as in the seed), "stop" for EOS or a stop string.
     */
    int produceToken() {
        String piece = generation.nextPiece();
        boolean eos = piece == Generation.EOS;
        int id = eos ? -1 : llmbench.refserver.model.Tokenizer.id(piece);
        if (historyLength == history.length) {
            history = java.util.Arrays.copyOf(history, history.length * 2 + 16);
        }
        history[historyLength++] = id;
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
            // without a KV cache nothing is ever served from one: 0 cached tokens
            completion = new TokenSink.Completion(finish, generated, eos, byStopString, null,
                    kv == null ? 0 : kv.cachedTokens());
        }
        return id;
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

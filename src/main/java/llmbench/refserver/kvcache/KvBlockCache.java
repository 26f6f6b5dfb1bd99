package llmbench.refserver.kvcache;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pool of {@code numBlocks} KV blocks of {@code blockSize} tokens with prefix reuse, as in the seed
 * server. Mutated by the scheduler thread only; the figures of {@link #snapshot()} may be read anywhere.
 *
 * <p>Rules:
 * <ul>
 *   <li><b>Admission</b> ({@link #admit}): the prompt's full blocks are looked up by chained hash
 *       ({@link BlockHashes}) from the first one; the leading run found is shared (reference count +1)
 *       and its tokens need no prefill — except that at least one prompt token is always computed, so a
 *       fully cached prompt still prefills its last token. The rest of the prompt gets fresh blocks. One
 *       counter per admitted request: {@code cache_hits_sequence} when every full block was found,
 *       {@code cache_hits_block} when some leading blocks were, {@code cache_misses} otherwise (also
 *       for prompts shorter than one block).</li>
 *   <li><b>Caching</b> ({@link #onPrefilled}): a full prompt block becomes cached (enters the hash table)
 *       once its tokens are prefilled, unless an equal block is already cached. Generated tokens and the
 *       prompt's partial last block are never cached.</li>
 *   <li><b>Release</b> ({@link #release}): when a sequence ends, its cached blocks stay in the table as
 *       idle blocks (reference count 0), the others go back to the free list.</li>
 *   <li><b>Eviction</b>: only when a block is needed and the free list is empty, the least recently
 *       released idle block is dropped from the table and reused (LRU).</li>
 *   <li><b>Capacity</b>: a request is admitted only if its uncached prompt blocks are available (free or
 *       evictable), unless nothing else is running (it then gets what exists). Blocks for generated
 *       tokens are taken as a sequence crosses a block boundary; if none is left the sequence goes on
 *       without one and {@code kv_alloc_failures} counts it.</li>
 * </ul>
 * {@code used_blocks} = total − free, which includes idle cached blocks (the seed's definition).
 */
public final class KvBlockCache {
    private final int blockSize;
    private final int numBlocks;
    private final ArrayDeque<Block> free = new ArrayDeque<>();
    private final Map<String, Block> table = new HashMap<>();
    /** Idle cached blocks, least recently released first. */
    private final LinkedHashMap<String, Block> idle = new LinkedHashMap<>();

    private volatile long hitsSequence;
    private volatile long hitsBlock;
    private volatile long misses;
    private volatile long cachedTokens;
    private volatile long evictions;
    private volatile long allocFailures;
    private volatile int freeCount;
    private volatile int idleCount;
    private volatile int cachedCount;
    private SsdTier ssd;

    public KvBlockCache(int numBlocks, int blockSize) {
        if (numBlocks < 1 || blockSize < 1) {
            throw new IllegalArgumentException("a KV cache needs at least one block of at least one token");
        }
        this.blockSize = blockSize;
        this.numBlocks = numBlocks;
        for (int i = 0; i < numBlocks; i++) {
            free.add(new Block());
        }
        publish();
    }

    /** Adds the SSD tier (before the first admission). */
    public void attachSsd(SsdTier tier) {
        this.ssd = tier;
    }

    public SsdTier ssd() {
        return ssd;
    }

    public int blockSize() {
        return blockSize;
    }

    public int numBlocks() {
        return numBlocks;
    }

    /**
     * Tries to admit a prompt with these full-block hashes. Returns null (and changes nothing) if its
     * uncached blocks are not available and {@code force} is false.
     */
    public SequenceBlocks admit(String[] hashes, int promptTokens, boolean force) {
        return admit(hashes, new int[0], promptTokens, force);
    }

    /**
     * As {@link #admit(String[], int, boolean)}, with the prompt's token ids (kept with cached blocks for
     * the SSD tier). With an SSD tier, leading blocks missing in RAM but stored on SSD are first promoted
     * into idle RAM blocks (even if the admission is then refused).
     */
    public SequenceBlocks admit(String[] hashes, int[] promptIds, int promptTokens, boolean force) {
        if (ssd != null) {
            promote(hashes, promptIds);
        }
        int hits = 0;
        int idleHits = 0;
        while (hits < hashes.length) {
            Block b = table.get(hashes[hits]);
            if (b == null) {
                break;
            }
            if (b.refs == 0) {
                idleHits++;
            }
            hits++;
        }
        int need = ceilDiv(promptTokens, blockSize) - hits;
        if (!force && need > free.size() + idle.size() - idleHits) {
            return null;
        }
        SequenceBlocks seq = new SequenceBlocks(hashes, promptIds, hits, Math.min(hits * blockSize, promptTokens - 1));
        for (int i = 0; i < hits; i++) {
            Block b = table.get(hashes[i]);
            if (b.refs++ == 0) {
                idle.remove(b.hash);
            }
            seq.blocks.add(b);
        }
        allocateUpTo(seq, promptTokens);
        if (hits == 0) {
            misses++;
        } else if (hits == hashes.length) {
            hitsSequence++;
        } else {
            hitsBlock++;
        }
        cachedTokens += seq.cachedTokens();
        publish();
        return seq;
    }

    private void promote(String[] hashes, int[] promptIds) {
        List<String> promoted = new ArrayList<>();
        for (int i = 0; i < hashes.length; i++) {
            if (table.containsKey(hashes[i])) {
                continue;
            }
            if (promptIds.length < (i + 1) * blockSize || !ssd.contains(hashes[i])) {
                break;
            }
            Block b = take();
            if (b == null) {
                break;
            }
            b.hash = hashes[i];
            b.tokens = java.util.Arrays.copyOfRange(promptIds, i * blockSize, (i + 1) * blockSize);
            b.refs = 0;
            table.put(b.hash, b);
            idle.put(b.hash, b);
            promoted.add(b.hash);
        }
        ssd.promoted(promoted);
    }

    /** The sequence has {@code prefilled} prompt tokens computed: its full blocks so far become cached. */
    public void onPrefilled(SequenceBlocks seq, int prefilled) {
        int full = Math.min(Math.min(prefilled / blockSize, seq.hashes.length), seq.blocks.size());
        for (int i = seq.registered; i < full; i++) {
            Block b = seq.blocks.get(i);
            String h = seq.hashes[i];
            if (b.hash == null && !table.containsKey(h)) {
                b.hash = h;
                table.put(h, b);
                if (seq.promptIds.length >= (i + 1) * blockSize) {
                    b.tokens = java.util.Arrays.copyOfRange(seq.promptIds, i * blockSize, (i + 1) * blockSize);
                    if (ssd != null && ssd.writeThrough()) {
                        ssd.save(h, b.tokens);
                    }
                }
            }
        }
        seq.registered = Math.max(seq.registered, full);
        publish();
    }

    /** The sequence now holds {@code tokens} tokens of KV (prompt + generated). */
    public void onTokens(SequenceBlocks seq, int tokens) {
        if (seq.blocks.size() * blockSize < tokens) {
            allocateUpTo(seq, tokens);
            publish();
        }
    }

    /**
     * The sequence ended: cached blocks become idle (LRU newest), the others free. Idempotent. Blocks are
     * released last block first, so a prefix's tail is evicted before its head (a chain is only usable
     * from its first block).
     */
    public void release(SequenceBlocks seq) {
        for (int i = seq.blocks.size() - 1; i >= 0; i--) {
            Block b = seq.blocks.get(i);
            if (--b.refs == 0) {
                if (b.hash != null) {
                    idle.put(b.hash, b);
                } else {
                    free.push(b);
                }
            }
        }
        seq.blocks.clear();
        publish();
    }

    private void allocateUpTo(SequenceBlocks seq, int tokens) {
        while (seq.blocks.size() * blockSize < tokens) {
            Block b = take();
            if (b == null) {
                allocFailures++;
                return;
            }
            b.refs = 1;
            seq.blocks.add(b);
        }
    }

    private Block take() {
        Block b = free.poll();
        if (b != null) {
            return b;
        }
        Iterator<Block> lru = idle.values().iterator();
        if (!lru.hasNext()) {
            return null;
        }
        b = lru.next();
        lru.remove();
        table.remove(b.hash);
        if (ssd != null && !ssd.writeThrough() && b.tokens != null) {
            ssd.save(b.hash, b.tokens); // evict_only: RAM eviction writes to SSD
        }
        b.hash = null;
        b.tokens = null;
        evictions++;
        return b;
    }

    private void publish() {
        freeCount = free.size();
        idleCount = idle.size();
        cachedCount = table.size();
    }

    /** Current figures; safe from any thread (each value is consistent, the set is approximately so). */
    public Snapshot snapshot() {
        return new Snapshot(numBlocks, numBlocks - freeCount, freeCount, cachedCount, idleCount, hitsSequence,
                hitsBlock, misses, cachedTokens, evictions, allocFailures);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * @param usedBlocks   total − free (idle cached blocks included, as in the seed)
     * @param cachedBlocks blocks in the hash table (held or idle)
     * @param idleBlocks   cached blocks no sequence holds (evictable)
     * @param cachedTokens prompt tokens that needed no prefill, summed over admissions
     */
    public record Snapshot(int totalBlocks, int usedBlocks, int freeBlocks, int cachedBlocks, int idleBlocks,
                           long hitsSequence, long hitsBlock, long misses, long cachedTokens, long evictions,
                           long allocFailures) {
        /** Blocks held by running sequences. */
        public int activeBlocks() {
            return usedBlocks - idleBlocks;
        }
    }

    static final class Block {
        String hash;
        int refs;
        int[] tokens; // ids of a cached block, for the SSD tier
    }

    /** The blocks one sequence holds, in token order. */
    public static final class SequenceBlocks {
        private final String[] hashes;
        private final int[] promptIds;
        private final List<Block> blocks = new ArrayList<>();
        private final int cachedTokens;
        private int registered;

        SequenceBlocks(String[] hashes, int[] promptIds, int hits, int cachedTokens) {
            this.hashes = hashes;
            this.promptIds = promptIds;
            this.registered = hits;
            this.cachedTokens = cachedTokens;
        }

        /** Prompt tokens served from the cache at admission (they need no prefill). */
        public int cachedTokens() {
            return cachedTokens;
        }

        public int blockCount() {
            return blocks.size();
        }
    }
}

package llmbench.refserver.kvcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KvBlockCacheTest {
    private static int[] ids(int from, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = from + i;
        }
        return a;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Admits, prefills completely and releases, as one finished request would. */
    private static KvBlockCache.SequenceBlocks serve(KvBlockCache cache, int[] prompt) {
        KvBlockCache.SequenceBlocks s = cache.admit(BlockHashes.chain(prompt, 4), prompt.length, false);
        assertNotNull(s);
        cache.onPrefilled(s, prompt.length);
        cache.release(s);
        return s;
    }

    @Test
    void chainedHashesAreEqualExactlyAsLongAsThePrefixesAre() {
        String[] a = BlockHashes.chain(concat(ids(0, 8), ids(100, 4)), 4);
        String[] b = BlockHashes.chain(concat(ids(0, 8), ids(200, 4)), 4);
        String[] c = BlockHashes.chain(concat(ids(50, 4), ids(4, 8)), 4); // same blocks 2 and 3 as a, other first
        assertEquals(3, a.length);
        assertEquals(32, a[0].length());
        assertArrayEquals(Arrays.copyOf(a, 2), Arrays.copyOf(b, 2));
        assertNotEquals(a[2], b[2]);
        assertNotEquals(a[1], c[1]);
        assertEquals(2, BlockHashes.chain(ids(0, 11), 4).length, "only full blocks are hashed");
    }

    @Test
    void sharedPrefixIsReusedAndADifferentPrefixIsNot() {
        KvBlockCache cache = new KvBlockCache(32, 4);
        int[] system = ids(1000, 12);                                   // three full blocks
        serve(cache, concat(system, ids(1, 6)));                        // 18 tokens: 4 full blocks cached
        assertEquals(4, cache.snapshot().cachedBlocks());

        KvBlockCache.SequenceBlocks warm = serve(cache, concat(system, ids(500, 6)));
        assertEquals(12, warm.cachedTokens(), "the three system blocks are found, the fourth differs");
        KvBlockCache.SequenceBlocks other = serve(cache, concat(ids(7000, 12), ids(1, 6)));
        assertEquals(0, other.cachedTokens(), "same later tokens behind a different first block: no hit");

        KvBlockCache.Snapshot s = cache.snapshot();
        assertEquals(1, s.hitsBlock());
        assertEquals(2, s.misses());
        assertEquals(0, s.hitsSequence());
        assertEquals(12, s.cachedTokens());
    }

    @Test
    void anIdenticalPromptIsASequenceHitThatStillPrefillsOneToken() {
        KvBlockCache cache = new KvBlockCache(32, 4);
        serve(cache, ids(0, 16));
        KvBlockCache.SequenceBlocks again = serve(cache, ids(0, 16));
        assertEquals(15, again.cachedTokens());
        assertEquals(1, cache.snapshot().hitsSequence());
    }

    @Test
    void idleBlocksStayUsedUntilEvictedLeastRecentlyReleasedFirst() {
        KvBlockCache cache = new KvBlockCache(4, 4);
        serve(cache, ids(0, 8));     // A: 2 blocks, idle
        serve(cache, ids(100, 8));   // B: 2 blocks, idle, pool now full
        KvBlockCache.Snapshot full = cache.snapshot();
        assertEquals(4, full.usedBlocks());
        assertEquals(0, full.freeBlocks());
        assertEquals(4, full.idleBlocks());
        assertEquals(0, full.activeBlocks());

        serve(cache, ids(0, 8));     // A hit: A becomes the most recently released
        serve(cache, ids(200, 8));   // C needs 2 blocks: B's are the oldest idle ones
        assertEquals(2, cache.snapshot().evictions());
        assertEquals(7, serve(cache, ids(0, 8)).cachedTokens(), "A survived");
        assertEquals(0, serve(cache, ids(100, 8)).cachedTokens(), "B was evicted");
    }

    @Test
    void admissionWaitsForBlocksUnlessForced() {
        KvBlockCache cache = new KvBlockCache(4, 4);
        KvBlockCache.SequenceBlocks running = cache.admit(BlockHashes.chain(ids(0, 12), 4), 12, false);
        assertEquals(3, running.blockCount());
        assertNull(cache.admit(BlockHashes.chain(ids(50, 8), 4), 8, false), "needs 2 blocks, 1 free");
        assertEquals(1, cache.snapshot().freeBlocks(), "a refused admission changes nothing");
        KvBlockCache.SequenceBlocks forced = cache.admit(BlockHashes.chain(ids(50, 8), 4), 8, true);
        assertEquals(1, forced.blockCount());
        assertEquals(1, cache.snapshot().allocFailures());
    }

    @Test
    void generatedTokensTakeBlocksThatAreFreedNotCached() {
        KvBlockCache cache = new KvBlockCache(8, 4);
        KvBlockCache.SequenceBlocks s = cache.admit(BlockHashes.chain(ids(0, 6), 4), 6, false);
        assertEquals(2, s.blockCount());
        cache.onPrefilled(s, 6);
        cache.onTokens(s, 9);
        assertEquals(3, s.blockCount());
        cache.release(s);
        KvBlockCache.Snapshot k = cache.snapshot();
        assertEquals(1, k.cachedBlocks(), "only the one full prompt block");
        assertEquals(1, k.usedBlocks());
        assertEquals(7, k.freeBlocks());
    }
}

package llmbench.refserver.kvcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsdTierTest {
    private static int[] ids(int from, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = from + i;
        }
        return a;
    }

    private static KvBlockCache.SequenceBlocks serve(KvBlockCache cache, int[] prompt) {
        KvBlockCache.SequenceBlocks s = cache.admit(BlockHashes.chain(prompt, 4), prompt, prompt.length, false);
        cache.onPrefilled(s, prompt.length);
        cache.release(s);
        return s;
    }

    private static long blockFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("block_[0-9a-f]{32}\\.safetensors")).count();
        }
    }

    @Test
    void evictOnlyWritesEvictedBlocksAndPromotesThemBack(@TempDir Path root) throws Exception {
        try (SsdTier ssd = new SsdTier(root, "f".repeat(32), "evict_only", true, 0, 7)) {
            KvBlockCache cache = new KvBlockCache(2, 4);
            cache.attachSsd(ssd);
            serve(cache, ids(0, 8));                       // A: 2 idle blocks, nothing on SSD yet
            assertEquals(0, blockFiles(ssd.directory()));
            serve(cache, ids(100, 8));                     // B evicts both of A's blocks → written
            assertEquals(2, blockFiles(ssd.directory()));
            assertEquals(7, serve(cache, ids(0, 8)).cachedTokens(), "A promoted from SSD");
            assertEquals(2L, ssd.stats().get("kv_promote_hits"));
        }
    }

    @Test
    void writeThroughSurvivesARestartWithAnIndexOfTheSeedsShape(@TempDir Path root) throws Exception {
        int[] prompt = ids(500, 12);
        try (SsdTier ssd = new SsdTier(root, "a".repeat(32), "write_through", false, 0, 7)) {
            KvBlockCache cache = new KvBlockCache(16, 4);
            cache.attachSsd(ssd);
            serve(cache, prompt);
            assertEquals(3L, ssd.stats().get("ssd_save_success"));
        }
        Path dir = root.resolve("a".repeat(32));
        JsonNode index = new ObjectMapper().readTree(dir.resolve("index.json").toFile());
        assertEquals(1, index.at("/__metadata__/index_version").asInt());
        assertEquals(1, index.at("/__metadata__/hash_version").asInt());
        assertEquals(3, index.get("blocks").size());
        String first = BlockHashes.chain(prompt, 4)[0];
        JsonNode e = index.at("/blocks/" + first);
        assertEquals(first, e.get("block_hash").asText());
        assertEquals(4, e.get("num_tokens").asInt());
        assertEquals(dir.resolve("block_" + first + ".safetensors").toAbsolutePath().toString(), e.get("filepath").asText());
        // 8-byte header length + header padded to 8 + 4 int32
        long size = Files.size(dir.resolve("block_" + first + ".safetensors"));
        assertEquals(0, (size - 16) % 8);

        Files.writeString(dir.resolve("block_" + "0".repeat(32) + ".safetensors"), "orphan");
        try (SsdTier ssd = new SsdTier(root, "a".repeat(32), "write_through", false, 0, 7)) {
            assertFalse(Files.exists(dir.resolve("block_" + "0".repeat(32) + ".safetensors")), "orphan deleted");
            KvBlockCache cache = new KvBlockCache(16, 4);
            cache.attachSsd(ssd);
            assertEquals(11, serve(cache, prompt).cachedTokens(), "warm restart: all three blocks promoted");
            assertEquals(1, cache.snapshot().hitsSequence());
        }
    }

    @Test
    void theSizeCapDropsTheLeastRecentlyUsedTenthBeforeWriting(@TempDir Path root) throws Exception {
        try (SsdTier ssd = new SsdTier(root, "b".repeat(32), "write_through", false, 1, 7)) { // 1 byte cap
            ssd.save("1".repeat(32), ids(0, 4));
            ssd.save("2".repeat(32), ids(4, 4));           // cap reached: the first is pruned
            assertTrue(ssd.contains("2".repeat(32)));
            assertFalse(ssd.contains("1".repeat(32)));
            assertEquals(1L, ssd.stats().get("ssd_lru_prune_count"));
            assertEquals(1L, ssd.stats().get("ssd_blocks"));
        }
    }
}

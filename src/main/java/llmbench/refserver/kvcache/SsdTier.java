package llmbench.refserver.kvcache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import llmbench.files.AtomicFiles;

/**
 * The SSD tier of the KV cache, seed §3 layout: {@code <dir>/<fingerprint>/block_<hash>.safetensors} per
 * cached prompt block and an {@code index.json} rewritten atomically (temp file in the same directory,
 * then an atomic rename) after every change.
 *
 * <p>Block files are valid safetensors files with one compact tensor {@code token_ids} (I32, the block's
 * token ids) instead of the seed's per-layer K/V tensors: no KV data exists here, so the files are as
 * small as what they really hold, and {@code ssd_total_bytes} counts their real size.
 * Policies: {@code evict_only} writes a block when the RAM pool evicts it; {@code write_through} writes
 * every newly cached block (on a background thread with async writes). Before a new block is written
 * with the size cap reached, least recently accessed entries are dropped until 10 % of the cap (and at least
 * one entry) is freed.
 * At start the index is loaded: entries whose file is missing are dropped, unindexed block files deleted,
 * entries older than the TTL pruned. A RAM miss whose hash is indexed is promoted (a warm restart reuses
 * the previous run's prefixes). Thread-safe.
 */
public final class SsdTier implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final boolean writeThrough;
    private final long maxBytes;
    private final ExecutorService writer;
    private final Map<String, Entry> index = new LinkedHashMap<>(16, 0.75f, true); // LRU order
    private final LocalDateTime createdAt;
    private long totalBytes;
    private long saveSuccess;
    private long saveFail;
    private long dedupSkip;
    private long staleCleaned;
    private long pruneCount;
    private long pruneBytes;
    private long promoteHits;

    private record Entry(Path file, LocalDateTime lastAccessed, int numTokens, long bytes) {
    }

    /**
     * @param root     the --ssd-cache-dir
     * @param maxBytes size cap, 0 = unlimited
     */
    public SsdTier(Path root, String fingerprint, String policy, boolean asyncWrites, long maxBytes, double ttlDays) {
        this.dir = root.resolve(fingerprint);
        this.writeThrough = policy.equals("write_through");
        this.maxBytes = maxBytes;
        this.writer = writeThrough && asyncWrites ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "refserver-ssd-writer");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create SSD cache directory " + dir + ": " + e.getMessage(), e);
        }
        this.createdAt = load(ttlDays);
    }

    /** 32 hex digits over model, kv bits, group size, adapter ("") and the model shape, like the seed's. */
    public static String fingerprint(String model, int kvBits, int groupSize, int layers, int kvHeads, int hidden) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(model.getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(kvBits).putInt(groupSize).putInt(layers).putInt(kvHeads).putInt(hidden);
            sha.update(b.array(), 0, 8);
            sha.update(b.array(), 8, 12); // adapter path "" contributes nothing
            byte[] d = sha.digest();
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                s.append(String.format("%02x", d[i]));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path directory() {
        return dir;
    }

    public boolean writeThrough() {
        return writeThrough;
    }

    public synchronized boolean contains(String hash) {
        return index.containsKey(hash);
    }

    /**
     * RAM misses served from here, all blocks of one admission: touch the entries, count the promotions and
     * rewrite the index once. The seed batches these last_accessed touches too (§3); one rewrite per block
     * made a 121-block warm restart slower than recomputing the prompt.
     */
    public synchronized void promoted(List<String> hashes) {
        int touched = 0;
        for (String hash : hashes) {
            Entry e = index.get(hash);
            if (e != null) {
                index.put(hash, new Entry(e.file(), LocalDateTime.now(), e.numTokens(), e.bytes()));
                promoteHits++;
                touched++;
            }
        }
        if (touched > 0) {
            flush();
        }
    }

    /** Stores a block (asynchronously for write_through with async writes). */
    public void save(String hash, int[] tokenIds) {
        if (writer != null) {
            try {
                writer.execute(() -> saveNow(hash, tokenIds));
                return;
            } catch (RuntimeException closing) {
                // fall through to a synchronous save
            }
        }
        saveNow(hash, tokenIds);
    }

    private synchronized void saveNow(String hash, int[] tokenIds) {
        Entry existing = index.get(hash);
        if (existing != null && Files.exists(existing.file())) {
            index.put(hash, new Entry(existing.file(), LocalDateTime.now(), existing.numTokens(), existing.bytes()));
            dedupSkip++;
            return;
        }
        if (maxBytes > 0 && totalBytes >= maxBytes) {
            prune(maxBytes / 10);
        }
        Path file = dir.resolve("block_" + hash + ".safetensors");
        try {
            byte[] bytes = safetensors(hash, tokenIds);
            AtomicFiles.replace(file, bytes);
            index.put(hash, new Entry(file, LocalDateTime.now(), tokenIds.length, bytes.length));
            totalBytes += bytes.length;
            saveSuccess++;
            flush();
        } catch (IOException e) {
            saveFail++;
        }
    }

    private void prune(long atLeast) {
        long freed = 0;
        for (Iterator<Map.Entry<String, Entry>> it = index.entrySet().iterator(); it.hasNext() && (freed < atLeast || freed == 0); ) {
            Entry e = it.next().getValue();
            it.remove();
            try {
                Files.deleteIfExists(e.file());
            } catch (IOException ignored) {
                // counted as freed anyway: the entry is gone
            }
            freed += e.bytes();
            totalBytes -= e.bytes();
            pruneCount++;
            pruneBytes += e.bytes();
        }
    }

    /** safetensors: u64 LE header length, JSON header (space-padded to 8), then the I32 token ids. */
    private static byte[] safetensors(String hash, int[] ids) throws IOException {
        ObjectNode h = JSON.createObjectNode();
        ObjectNode t = h.putObject("token_ids");
        t.put("dtype", "I32");
        t.putArray("shape").add(ids.length);
        t.putArray("data_offsets").add(0).add(4 * ids.length);
        ObjectNode meta = h.putObject("__metadata__");
        meta.put("format", "refserver-kv-placeholder");
        meta.put("block_hash", hash);
        StringBuilder header = new StringBuilder(JSON.writeValueAsString(h));
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] hb = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + hb.length + 4 * ids.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(hb.length).put(hb);
        for (int id : ids) {
            b.putInt(id);
        }
        return b.array();
    }

    private LocalDateTime load(double ttlDays) {
        Path file = dir.resolve("index.json");
        LocalDateTime created = LocalDateTime.now();
        LocalDateTime oldest = LocalDateTime.now().minusSeconds(Math.round(ttlDays * 86400));
        List<Map.Entry<String, Entry>> entries = new ArrayList<>();
        if (Files.exists(file)) {
            try {
                JsonNode root = JSON.readTree(file.toFile());
                JsonNode meta = root.path("__metadata__");
                if (meta.path("hash_version").asInt(1) == 1) {
                    if (meta.hasNonNull("created_at")) {
                        created = LocalDateTime.parse(meta.get("created_at").asText());
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("blocks").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> f = it.next();
                        Path p = Path.of(f.getValue().path("filepath").asText());
                        LocalDateTime at = LocalDateTime.parse(f.getValue().path("last_accessed").asText());
                        if (!Files.exists(p) || at.isBefore(oldest)) {
                            staleCleaned++;
                            Files.deleteIfExists(p);
                            continue;
                        }
                        entries.add(Map.entry(f.getKey(), new Entry(p, at, f.getValue().path("num_tokens").asInt(),
                                Files.size(p))));
                    }
                }
            } catch (IOException | RuntimeException e) {
                entries.clear(); // unreadable index: start empty, as the seed does
            }
        }
        entries.sort(Map.Entry.comparingByValue((a, b) -> a.lastAccessed().compareTo(b.lastAccessed())));
        for (Map.Entry<String, Entry> e : entries) {
            index.put(e.getKey(), e.getValue());
            totalBytes += e.getValue().bytes();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "block_*.safetensors")) {
            for (Path p : files) {
                String h = p.getFileName().toString().substring(6, p.getFileName().toString().length() - 12);
                if (!index.containsKey(h)) {
                    Files.deleteIfExists(p); // orphan
                }
            }
        } catch (IOException ignored) {
            // nothing to clean
        }
        synchronized (this) {
            writeIndex(created);
        }
        return created;
    }

    private void flush() {
        writeIndex(createdAt);
    }

    private void writeIndex(LocalDateTime created) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode meta = root.putObject("__metadata__");
        meta.put("index_version", 1);
        meta.put("hash_version", 1);
        meta.put("created_at", created.toString());
        ObjectNode blocks = root.putObject("blocks");
        for (Map.Entry<String, Entry> e : index.entrySet()) {
            ObjectNode b = blocks.putObject(e.getKey());
            b.put("block_hash", e.getKey());
            b.put("filepath", e.getValue().file().toAbsolutePath().toString());
            b.put("last_accessed", e.getValue().lastAccessed().toString());
            b.put("num_tokens", e.getValue().numTokens());
        }
        try {
            AtomicFiles.replace(dir.resolve("index.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            saveFail++;
        }
    }

    /** Counters and sizes for /health (seed names). */
    public synchronized Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("ssd_save_success", saveSuccess);
        m.put("ssd_save_fail", saveFail);
        m.put("ssd_save_dedup_skip", dedupSkip);
        m.put("ssd_stale_index_cleaned", staleCleaned);
        m.put("ssd_lru_prune_count", pruneCount);
        m.put("ssd_lru_prune_bytes", pruneBytes);
        m.put("ssd_total_bytes", totalBytes);
        m.put("ssd_max_size_bytes", maxBytes);
        m.put("kv_promote_hits", promoteHits);
        m.put("ssd_blocks", (long) index.size());
        return m;
    }

    /** Drains the writer (5 s at most) and writes the index a last time. */
    @Override
    public void close() {
        if (writer != null) {
            writer.shutdown();
            try {
                writer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            flush();
        }
    }
}

/**
 * The KV block cache of the reference server: a fixed pool of blocks of {@code block_size} token slots,
 * prefix reuse through chained block hashes over prompt token ids, and LRU eviction of idle cached
 * blocks — the seed server's scheme (its kv_cache_manager), reduced to bookkeeping: no tensors are kept,
 * only which blocks exist, who holds them and what they would cost in bytes.
 */
package llmbench.refserver.kvcache;

package llmbench.metrics;

import java.util.List;
import llmbench.timing.RequestRecord;

/**
 * Whether a request's prompt was mostly served from the server's prefix cache, so that its
 * {@code prefill_tok_s} measures a cache lookup, not prefill:
 * <pre>
 *   prefill_from_cache = 2 · cached_prompt_tokens ≥ prompt_tokens      (at least half the prompt was cached)
 * </pre>
 * with {@code cached_prompt_tokens} as the server reported it ({@code usage.prompt_tokens_details.cached_tokens},
 * or llama.cpp's {@code timings.cache_n}; both count within {@code prompt_tokens}). Null when the server reported
 * no cached count or no prompt tokens: unknown, not false. The rate itself is still reported, flagged.
 */
public final class PrefillFromCache {
    private PrefillFromCache() {
    }

    public static Boolean of(RequestRecord r) {
        if (r.cachedPrompt() == null || r.promptTokens() == null || r.promptTokens() <= 0) {
            return null;
        }
        return 2L * r.cachedPrompt().tokens() >= r.promptTokens();
    }

    /** The successful requests among {@code records} whose prefill came from the cache by this rule. */
    public static long servedFromCache(List<RequestRecord> records) {
        return records.stream().filter(r -> r.succeeded() && Boolean.TRUE.equals(of(r))).count();
    }
}

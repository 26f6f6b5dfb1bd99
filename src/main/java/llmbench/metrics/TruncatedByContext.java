package llmbench.metrics;

import java.util.List;
import llmbench.timing.RequestRecord;

/**
 * Whether a completion was cut by the server's context window rather than by the request's {@code max_tokens}:
 * <pre>
 *   truncated_by_context = finish_reason == "length"  and  completion_tokens &lt; max_tokens
 * </pre>
 * (llama.cpp ends a slot whose context is full with {@code "length"}: 435 tokens for {@code max_tokens} 512). False
 * for any other finish reason or a completion that reached {@code max_tokens}; null when the request's
 * {@code max_tokens} or its completion count is unknown.
 */
public final class TruncatedByContext {
    private TruncatedByContext() {
    }

    public static Boolean of(RequestRecord r) {
        if (!"length".equals(r.finishReason())) {
            return false;
        }
        if (r.maxTokens() == null || r.completionTokens() == null) {
            return null;
        }
        return r.completionTokens() < r.maxTokens();
    }

    /** The requests among {@code records} that this rule marks. */
    public static long count(List<RequestRecord> records) {
        return records.stream().filter(r -> Boolean.TRUE.equals(of(r))).count();
    }
}

package llmbench.timing;

/**
 * What a workload asked of one request, recorded beside what the server reported: the prompt tokens its
 * prompt was calibrated to ({@code target_prompt_tokens}, beside the server's {@code prompt_tokens}), the
 * {@code max_tokens} sent, and whether the output length was forced ({@code ignore_eos} and
 * {@code min_tokens} sent). Null fields: not asked (a dataset prompt has no target count).
 */
public record RequestedLengths(Integer promptTokens, Integer maxTokens, boolean outputForced) {
}

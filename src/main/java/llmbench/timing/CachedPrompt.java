package llmbench.timing;

/**
 * How many of a request's prompt tokens the server says it served from its prefix cache, and where it said so:
 * {@code "usage.prompt_tokens_details.cached_tokens"} (OpenAI, vLLM, the reference server) or
 * {@code "timings.cache_n"} (llama.cpp). Absent (the record's field is null) when the reply carried neither.
 */
public record CachedPrompt(int tokens, String source) {
    public static final String USAGE = "usage.prompt_tokens_details.cached_tokens";
    public static final String LLAMA = "timings.cache_n";
}

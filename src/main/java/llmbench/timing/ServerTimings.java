package llmbench.timing;

/**
 * A server's own account of where a request's time went, when its reply carries one: llama.cpp's
 * {@code timings} ({@code prompt_ms}, {@code predicted_ms}) or vLLM's {@code metrics}
 * ({@code first_token_time − first_scheduled_time}, {@code last_token_time − first_token_time}). Seconds;
 * a part the server did not report is null. Never derived from the client's clock.
 *
 * <p>llama.cpp's {@code timings} also count this request's speculative drafts when the server speculates:
 * {@code draft_n} tokens drafted, {@code draft_n_accepted} of them accepted (null when absent).
 *
 * @param source which field of the reply the figures come from, e.g. {@code "timings (llama.cpp)"}
 */
public record ServerTimings(Double prefillS, Double decodeS, String source, Long draftN, Long draftAccepted) {

    public ServerTimings(Double prefillS, Double decodeS, String source) {
        this(prefillS, decodeS, source, null, null);
    }
}

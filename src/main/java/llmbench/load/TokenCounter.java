package llmbench.load;

/**
 * Counts tokens as the target server does, for calibrating prompts to an exact length. Implementations ask
 * the server itself ({@link ServerTokenCounter}); tests use a counting function of their own.
 */
public interface TokenCounter {
    /** {@code usage.prompt_tokens} the server will report for one user message with this content. */
    int promptTokens(String userMessage);

    /** Tokens of the text alone, without the chat template's (the length of a shared prefix). */
    int contentTokens(String text);

    /** How the counts are obtained, for the result file and the run's first lines. */
    String method();
}

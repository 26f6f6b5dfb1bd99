package llmbench.llama;

/**
 * Receives one generation as it happens, on the thread that called {@link LlamaEngine#generate}.
 * {@code onToken} gets the text piece of each token as soon as the engine releases it (a piece that may
 * start a stop string is held back until it is known not to, so a piece can span more than one token, and
 * can be empty); {@code onComplete} is called once, last.
 */
public interface TokenListener {

    void onToken(String piece);

    default void onComplete(GenerationResult result) {
    }

    TokenListener NONE = piece -> {
    };
}

package llmbench.load;

/**
 * A salt line put in front of a prompt, so that no prefix cache can hold the prompt from an earlier request:
 * {@code "Session <salt>.\n"} (CacheSimulation's per-run line), or {@code "Session <salt>-<tag>.\n"} with a tag
 * naming the request, so that requests of one run that would repeat a text (BatchSimulation's run 2 sends run
 * 1's passages; Concurrent cycles through its prompts; Single sends each prompt three ways) differ from their
 * first token on. A few prompt tokens more per request (the server counts them in {@code prompt_tokens}).
 * {@link #NONE} leaves prompts as they are ({@code -Dcache.bust=false}).
 */
public record PromptSalt(String salt) {
    public static final PromptSalt NONE = new PromptSalt(null);

    /** The salt of a run, or {@link #NONE} for null. */
    public static PromptSalt of(String saltOrNull) {
        return saltOrNull == null ? NONE : new PromptSalt(saltOrNull);
    }

    /** The salt line for a request tagged {@code tag} (null: the run's line alone); empty for {@link #NONE}. */
    public String line(String tag) {
        if (salt == null) {
            return "";
        }
        return "Session " + salt + (tag == null ? "" : "-" + tag) + ".\n";
    }

    /** {@code prompt} with the salt line of {@code tag} in front. */
    public String apply(String tag, String prompt) {
        return line(tag) + prompt;
    }

    public boolean salts() {
        return salt != null;
    }
}

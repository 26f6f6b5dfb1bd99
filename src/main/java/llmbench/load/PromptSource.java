package llmbench.load;

import java.util.List;

/**
 * Where a simulation's prompts come from, one conversation per request index: the suite's fixed texts
 * ({@link #of(PromptCorpus)}), synthetic prompts calibrated to a token count ({@link SyntheticPrompts}), or
 * a dataset file ({@link DatasetPrompts}). Request i gets prompt i mod {@link #size()}. Any simulation that
 * sends prompts takes one of these through {@link Workload}.
 */
public interface PromptSource {
    /** The messages request i sends. */
    List<ChatRequestBody.Message> forRequest(int i);

    /** The prompt tokens request i was calibrated to (as the target counts them), or null when it was not. */
    Integer targetTokens(int i);

    /** Distinct prompts. */
    int size();

    /** What the prompts are, for the run's first lines. */
    String describe();

    /** One user message per corpus prompt, uncalibrated. */
    static PromptSource of(PromptCorpus corpus) {
        return new PromptSource() {
            @Override
            public List<ChatRequestBody.Message> forRequest(int i) {
                return List.of(new ChatRequestBody.Message("user", corpus.forRequest(i)));
            }

            @Override
            public Integer targetTokens(int i) {
                return null;
            }

            @Override
            public int size() {
                return corpus.size();
            }

            @Override
            public String describe() {
                return corpus.size() + " fixed prompts";
            }
        };
    }
}

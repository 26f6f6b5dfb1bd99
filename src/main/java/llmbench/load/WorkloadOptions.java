package llmbench.load;

import llmbench.config.BadInputException;
import llmbench.config.BenchOptions;
import llmbench.config.LengthDistribution;
import llmbench.config.Options;

/**
 * The workload options of a run (prompt., output., dataset.), read and checked before anything starts:
 * distributions parsed, the dataset file read (a bad record ends the run with its line number), and the
 * combinations that make no sense refused. {@link Workload#prepare} then shapes the requests against the target.
 *
 * @param promptTokens  synthetic prompts of these lengths, or null
 * @param prefixTokens  shared-prefix length, or null
 * @param prefixGroups  distinct shared prefixes
 * @param outputTokens  max_tokens per request, or null for the simulation's own
 * @param forceOutput   send ignore_eos / min_tokens with output.tokens
 * @param dataset       prompts of a dataset file, or null
 * @param seed          seed of the length draws
 */
public record WorkloadOptions(LengthDistribution promptTokens, Integer prefixTokens, int prefixGroups,
                              LengthDistribution outputTokens, boolean forceOutput, DatasetPrompts dataset,
                              long seed) {

    public static WorkloadOptions from(BenchOptions o) {
        LengthDistribution prompt = o.get(Options.PROMPT_TOKENS);
        Integer prefix = o.get(Options.PROMPT_PREFIX_TOKENS);
        java.nio.file.Path datasetFile = o.get(Options.DATASET_FILE);
        if (prompt != null && datasetFile != null) {
            throw new BadInputException("prompt.tokens and dataset.file both choose the prompts; give one of them");
        }
        if (prefix != null && prompt == null) {
            throw new BadInputException("prompt.prefix.tokens needs prompt.tokens (the whole prompt's length)");
        }
        if (o.given(Options.PROMPT_PREFIX_GROUPS) && prefix == null) {
            throw new BadInputException("prompt.prefix.groups needs prompt.prefix.tokens");
        }
        if (prefix != null && prefix >= prompt.min()) {
            throw new BadInputException("prompt.prefix.tokens " + prefix + " must be below the shortest prompt ("
                    + prompt.min() + " tokens for prompt.tokens=" + prompt + ")");
        }
        if (o.given(Options.OUTPUT_FORCE) && o.get(Options.OUTPUT_TOKENS) == null) {
            throw new BadInputException("output.force needs output.tokens");
        }
        if (o.get(Options.OUTPUT_TOKENS) != null && o.given(Options.MAX_TOKENS)) {
            throw new BadInputException("output.tokens and max.tokens both set max_tokens; give one of them");
        }
        DatasetPrompts dataset = datasetFile == null ? null : DatasetPrompts.read(datasetFile);
        return new WorkloadOptions(prompt, prefix, o.get(Options.PROMPT_PREFIX_GROUPS), o.get(Options.OUTPUT_TOKENS),
                Boolean.parseBoolean(o.get(Options.OUTPUT_FORCE)), dataset, o.get(Options.PROMPT_SEED));
    }

    /** Whether any option shapes the requests (then every record carries what was asked of it). */
    public boolean shapesRequests() {
        return promptTokens != null || outputTokens != null || dataset != null;
    }
}

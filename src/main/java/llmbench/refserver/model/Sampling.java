package llmbench.refserver.model;

/**
 * Sampling settings of one request, already clamped as the seed server clamps them.
 *
 * @param temperature in [0, 2]; 0 means reproducible output for equal prompts
 * @param topP        in [0, 1]; nucleus truncation of the next-word distribution
 */
public record Sampling(double temperature, double topP) {
    public Sampling {
        temperature = Math.max(0.0, Math.min(2.0, temperature));
        topP = Math.max(0.0, Math.min(1.0, topP));
    }
}

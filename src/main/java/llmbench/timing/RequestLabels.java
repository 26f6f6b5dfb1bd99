package llmbench.timing;

/**
 * Where a request belongs in a run: which simulation and case sent it, in which repetition, as which
 * request of its batch, and what a workload asked of it ({@code requested}, null when no workload option
 * shaped it). Warm-up requests are recorded but never enter results.
 */
public record RequestLabels(String simulation, String caseName, int run, int requestIdx, boolean warmup,
                            RequestedLengths requested) {

    public RequestLabels(String simulation, String caseName, int run, int requestIdx, boolean warmup) {
        this(simulation, caseName, run, requestIdx, warmup, null);
    }
}

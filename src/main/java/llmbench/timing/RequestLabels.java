package llmbench.timing;

/**
 * Where a request belongs in a run: which simulation and case sent it, in which repetition, as which
 * request of its batch, and what a workload asked of it ({@code requested}, null when no workload option
 * shaped it). Warm-up requests are recorded but never enter results.
 *
 * @param intendedSendUs for an open-model load (a rate of arrivals), the instant the schedule meant the request
 *                       to be sent (epoch µs, client clock); the actual send may be later when the load generator
 *                       falls behind (scheduling lag). Null for closed-loop loads, whose requests have no
 *                       schedule of their own.
 */
public record RequestLabels(String simulation, String caseName, int run, int requestIdx, boolean warmup,
                            RequestedLengths requested, Long intendedSendUs) {

    /** Labels of a closed-loop request with the suite's own prompts. */
    public RequestLabels(String simulation, String caseName, int run, int requestIdx, boolean warmup) {
        this(simulation, caseName, run, requestIdx, warmup, null, null);
    }
}

package llmbench.capacity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the model is asked about: runs of requests that arrive together (a closed batch, as BatchSimulation
 * sends them). Arrival order inside a run is not under the client's control, so every prediction averages
 * over the run's cyclic orders.
 *
 * @param runs each run's requests; figures per run are averaged like BatchSimulation's
 */
public record Workload(List<List<Item>> runs) {
    /**
     * One request: prompt tokens, completion tokens, whether its prompt was sent before (cacheable), and
     * how many of its prompt tokens the server serves from its prefix cache (null: not known; then
     * {@code repeat} and the fitted prefix reuse decide, {@link Parameters#prefillTokens}).
     */
    public record Item(int promptTokens, int completionTokens, boolean repeat, Integer cachedTokens) {
        public Item(int promptTokens, int completionTokens, boolean repeat) {
            this(promptTokens, completionTokens, repeat, null);
        }
    }

    public Workload {
        runs = runs.stream().map(List::copyOf).toList();
        if (runs.isEmpty() || runs.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a workload needs at least one run with at least one request");
        }
    }

    /** k users at once, each a prompt never seen before and nothing of it cached. */
    public static Workload cold(int k, int promptTokens, int completionTokens) {
        return cold(k, promptTokens, completionTokens, 0);
    }

    /**
     * k users at once, each a prompt never seen before whose first {@code cachedTokens} tokens (a chat
     * template or system prompt all prompts share) the server holds in its prefix cache: the capacity-planning case.
     */
    public static Workload cold(int k, int promptTokens, int completionTokens, int cachedTokens) {
        return new Workload(List.of(Collections.nCopies(k, new Item(promptTokens, completionTokens, false, cachedTokens))));
    }

    /** The measured runs of a Batch point, as they were sent (tokens and repeats; timing left out). */
    static Workload of(Measured.Point point) {
        List<List<Item>> runs = new ArrayList<>();
        for (Measured.Batch b : point.batches()) {
            runs.add(b.requests().stream().map(r -> new Item(r.promptTokens(), r.completionTokens(), r.repeat(), r.cachedTokens())).toList());
        }
        return new Workload(runs);
    }

    int users() {
        return runs.stream().mapToInt(List::size).max().orElse(0);
    }
}

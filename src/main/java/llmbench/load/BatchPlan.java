package llmbench.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The batch test's load shape (the plan's bench_batch): optional warm-up requests one at a time, then for
 * each k and each run exactly k users injected at once (Gatling starts them within ~2 ms), each with
 * request index i and prompt i of the corpus; the next batch starts only when all k have finished
 * ({@code andThen}), after the seed's pauses. Each user opens its connection first
 * ({@link StreamingRequest#connectAhead()}) and the k users wait for each other ({@code rendezVous(k)}) before
 * sending, so the batch's requests leave together on open connections: the connection set-up of k users is
 * not inside their measured TTFT (as for any client that keeps its connections; the seed's script, one
 * client per request, pays it there), and does not compete, in the burst, with the first tokens of the
 * streams already started.
 */
public final class BatchPlan {
    private final List<Integer> batchSizes;
    private final int runs;
    private final int warmups;
    private final Duration pauseBetweenRuns;
    private final Duration pauseBetweenBatchSizes;

    public BatchPlan(List<Integer> batchSizes, int runs, int warmups, Duration pauseBetweenRuns,
                     Duration pauseBetweenBatchSizes) {
        this.batchSizes = batchSizes;
        this.runs = runs;
        this.warmups = warmups;
        this.pauseBetweenRuns = pauseBetweenRuns;
        this.pauseBetweenBatchSizes = pauseBetweenBatchSizes;
    }

    /**
     * @param measuredBody request body of request i of a batch
     * @param warmupBody   request body of a warm-up request
     */
    public PopulationBuilder populations(StreamingRequest request, IntFunction<String> measuredBody,
                                         String warmupBody) {
        List<PopulationBuilder> steps = new ArrayList<>();
        if (warmups > 0) {
            steps.add(scenario("warmup")
                    .repeat(warmups, StreamingRequest.REQUEST_IDX).on(
                            io.gatling.javaapi.core.CoreDsl.exec(s -> s.set(StreamingRequest.BODY, warmupBody)
                                    .set(StreamingRequest.RUN, 0))
                            .exec(request.chain("warmup", true)))
                    .injectOpen(atOnceUsers(1)));
        }
        for (int k : batchSizes) {
            for (int run = 1; run <= runs; run++) {
                Duration pause = steps.isEmpty() ? Duration.ZERO
                        : run == 1 ? pauseBetweenBatchSizes : pauseBetweenRuns;
                steps.add(scenario(BatchCase.name(k) + " run=" + run)
                        .feed(feeder(run, measuredBody))
                        .exec(request.connectAhead())
                        .rendezVous(k)
                        .exec(request.chain(BatchCase.name(k), false))
                        .injectOpen(nothingFor(pause), atOnceUsers(k)));
            }
        }
        PopulationBuilder chain = steps.get(steps.size() - 1);
        for (int i = steps.size() - 2; i >= 0; i--) {
            chain = steps.get(i).andThen(chain);
        }
        return chain;
    }

    private static Iterator<Map<String, Object>> feeder(int run, IntFunction<String> body) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                Map<String, Object> record = new HashMap<>();
                record.put(StreamingRequest.BODY, body.apply(next));
                record.put(StreamingRequest.RUN, run);
                record.put(StreamingRequest.REQUEST_IDX, next);
                next++;
                return record;
            }
        };
    }
}

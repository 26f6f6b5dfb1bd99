import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import llmbench.config.Options;
import llmbench.lifecycle.StreamCapacity;
import llmbench.load.*;
import llmbench.results.BatchResultConverter;
import llmbench.run.BenchmarkSimulation;

/**
 * The plan's batch inference test (bench_batch): for each k in batch.sizes, batch.runs times, k requests
 * with distinct news-length prompts sent at once; throughput scaling, saturation and latency cost per k.
 */
public class BatchSimulation extends BenchmarkSimulation {
    public BatchSimulation() {
        super("BatchSimulation", "bench_batch");
    }

    // The numbers of the load, each a -D option (README, Options).
    private final List<Integer> batchSizes = run.valid(() -> run.options().get(Options.BATCH_SIZES));
    private final int runs = run.valid(() -> run.options().get(Options.BATCH_RUNS));
    private final int warmups = run.valid(() -> run.options().get(Options.WARMUP_REQUESTS));
    private final Duration pauseRun = run.valid(() -> run.options().get(Options.BATCH_PAUSE_RUN_S));
    private final Duration pauseK = run.valid(() -> run.options().get(Options.BATCH_PAUSE_K_S));
    private final boolean connectAhead = run.valid(() -> run.options().get(Options.BATCH_CONNECT_AHEAD)).equals("true");
    private final int maxTokens = run.valid(() -> run.options().maxTokens(128));
    // What is fed: request i of every batch gets news passage i, as the seed's bench_batch.py does.
    private final PromptCorpus news = run.valid(() -> PromptCorpus.fromFolder(run.options().newsDir()));
    // -Dcache.bust (default on): every request's passage salted apart, so run 2 is not served from run 1's cache
    private final PromptSalt salt = PromptSalt.of(run.valid(() -> run.options().promptSalt(true)));
    // ... unless prompt./output./dataset. options shape the requests (README, Workloads)
    private final WorkloadOptions shape = run.valid(() -> WorkloadOptions.from(run.options()));
    private Workload workload;

    {
        int largest = run.valid(() -> StreamCapacity.checked("batch.sizes", Collections.max(batchSizes), run.options()));
        double temperature = run.options().temperature();
        run.onTarget(target -> workload = Workload.prepare(shape, target, PromptSource.of(news), news::words,
                maxTokens, largest + 1, temperature, null)); // request i of every batch; one more for the warm-up
        run.start(maxTokens, new BatchResultConverter(run.valid(run.options()::saturationGain), runs)::convert);
        String model = run.target().model();
        System.out.println("gatling-llm-bench: prompts: " + workload.describe());
        StreamingRequest chat = run.streamingRequest("/v1/chat/completions");

        // 16 tokens on the prompt past the largest batch, which no batch sends (no cached prefix)
        String warmupBody = workload.warmupBody(largest, model, temperature);
        List<PopulationBuilder> steps = new ArrayList<>(run.clientWarmup(warmupBody, largest)); // loopback, in this JVM
        if (warmups > 0) {
            steps.add(scenario("warmup").exec(Warmup.requests(chat, warmups, warmupBody)).injectOpen(atOnceUsers(1)));
        }
        for (int k : batchSizes) {
            for (int r = 1; r <= runs; r++) { // exactly k users at once; the next batch starts when all k are done
                String tag = "k" + k + "r" + r;
                steps.add(scenario(BatchCase.name(k) + " run=" + r)
                        .feed(BatchFeeder.requests(r, salt.salts() // the salt line counted inside the prompt's length
                                ? workload.withHeads(k, i -> salt.line(tag + "i" + i)) : workload))
                        .exec(connectAhead ? chat.connectAhead().exec(new BatchRelease(k).together()) : exec(s -> s)) // -Dbatch.connect.ahead
                        .exec(chat.chain(BatchCase.name(k), false))
                        .injectOpen(nothingFor(steps.isEmpty() ? Duration.ZERO : r == 1 ? pauseK : pauseRun),
                                atOnceUsers(k)));
            }
        }
        setUp(InOrder.andThen(steps)).protocols(run.httpProtocol());
    }
}

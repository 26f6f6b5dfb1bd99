import java.time.Duration;
import java.util.List;
import llmbench.load.BatchPlan;
import llmbench.load.ChatRequestBody;
import llmbench.load.PromptCorpus;
import llmbench.results.BatchResultConverter;
import llmbench.run.BenchmarkSimulation;

/**
 * The plan's batch inference test (bench_batch): for each k in batch.sizes, batch.runs times, k requests
 * with distinct news-length prompts sent at once; throughput scaling, saturation and latency cost per k.
 */
public class BatchSimulation extends BenchmarkSimulation {
    private static final int WARMUP_MAX_TOKENS = 16;

    public BatchSimulation() {
        super("BatchSimulation", "bench_batch");
    }

    private final List<Integer> batchSizes = run.valid(run.options()::batchSizes);
    private final int runs = run.valid(run.options()::batchRuns);
    private final int maxTokens = run.valid(() -> run.options().maxTokens(128));
    private final PromptCorpus news = run.valid(() -> PromptCorpus.fromFolder(run.options().newsDir()));
    private final BatchPlan plan = run.valid(() -> new BatchPlan(batchSizes, runs, run.options().warmupRequests(),
            seconds(run.options().pauseBetweenRunsSeconds()), seconds(run.options().pauseBetweenBatchSizesSeconds())));

    {
        run.start(maxTokens, new BatchResultConverter(run.valid(run.options()::saturationGain), runs)::convert);
        String model = run.target().model();
        double temperature = run.options().temperature();
        setUp(plan.populations(run.streamingRequest("/v1/chat/completions"),
                        news.bodies(prompt -> ChatRequestBody.streaming(model, prompt, maxTokens, temperature)),
                        ChatRequestBody.streaming(model, warmupPrompt(), WARMUP_MAX_TOKENS, temperature)))
                .protocols(run.httpProtocol());
    }

    /**
     * Request i of a batch uses passage i, so with fewer batch slots than passages the first passage past the
     * largest batch is never measured: warming up on it leaves no cached prefix behind for k = 1 run 1.
     */
    private String warmupPrompt() {
        return news.forRequest(java.util.Collections.max(batchSizes));
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}

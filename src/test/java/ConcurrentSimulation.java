import java.time.Duration;
import java.util.List;
import llmbench.load.ChatRequestBody;
import llmbench.load.ConcurrencyPlan;
import llmbench.load.PromptCorpus;
import llmbench.results.ConcurrentResultConverter;
import llmbench.run.BenchmarkSimulation;

/**
 * The plan's concurrency test (bench_concurrent): for each level N in concurrency.levels, exactly N short-prompt
 * streams in flight until the level's requests are sent; per level the seed's aggregate, HDR percentiles and
 * /health before and after.
 */
public class ConcurrentSimulation extends BenchmarkSimulation {
    private static final int WARMUP_MAX_TOKENS = 16;

    public ConcurrentSimulation() {
        super("ConcurrentSimulation", "bench_concurrent");
    }

    private final List<Integer> levels = run.valid(run.options()::concurrencyLevels);
    private final int maxTokens = run.valid(() -> run.options().maxTokens(128));
    private final PromptCorpus prompts = run.valid(() -> PromptCorpus.fromLines(run.options().promptsFile()));
    private final ConcurrencyPlan plan = run.valid(() -> new ConcurrencyPlan(levels,
            run.options().concurrencyRequests(), seconds(run.options().concurrencyDurationSeconds()),
            seconds(run.options().concurrencyPauseSeconds()), run.options().warmupRequests()));

    {
        run.start(maxTokens, (records, info, partial, now) ->
                new ConcurrentResultConverter(plan, levels, prompts::forRequest, run.counters())
                        .convert(records, info, partial, now));
        String model = run.target().model();
        double temperature = run.options().temperature();
        setUp(plan.populations(run.streamingRequest("/v1/chat/completions"),
                        prompts.bodies(p -> ChatRequestBody.streaming(model, p, maxTokens, temperature)),
                        ChatRequestBody.streaming(model, prompts.forRequest(0), WARMUP_MAX_TOKENS, temperature),
                        run.counters()))
                .protocols(run.httpProtocol());
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import llmbench.config.Options;
import llmbench.counters.CounterReader;
import llmbench.lifecycle.StreamCapacity;
import llmbench.load.*;
import llmbench.results.ConcurrentResultConverter;
import llmbench.run.BenchmarkSimulation;

/**
 * The plan's concurrency test (bench_concurrent): for each level N in concurrency.levels, exactly N short-prompt
 * streams in flight until the level's requests are sent; per level the seed's aggregate, HDR percentiles and
 * /health before and after.
 */
public class ConcurrentSimulation extends BenchmarkSimulation {
    public ConcurrentSimulation() {
        super("ConcurrentSimulation", "bench_concurrent");
    }

    // The numbers of the load, each a -D option (README, Options); the plan holds each level's request budget.
    private final List<Integer> levels = run.valid(() -> run.options().get(Options.CONCURRENCY_LEVELS));
    private final int maxTokens = run.valid(() -> run.options().maxTokens(128));
    private final ConcurrencyPlan plan = run.valid(() -> new ConcurrencyPlan(levels,
            run.options().get(Options.CONCURRENCY_REQUESTS), run.options().get(Options.CONCURRENCY_DURATION_S),
            run.options().get(Options.CONCURRENCY_PAUSE_S), run.options().get(Options.WARMUP_REQUESTS)));
    // What is fed: request i of a level gets short prompt i mod n.
    private final PromptCorpus prompts = run.valid(() -> PromptCorpus.fromLines(run.options().promptsFile()));
    // -Dcache.bust (default on): every request's prompt salted apart, so a repeated prompt is not served from cache
    private final PromptSalt salt = PromptSalt.of(run.valid(() -> run.options().promptSalt(true)));

    {
        run.valid(() -> StreamCapacity.checked("concurrency.levels", Collections.max(levels), run.options()));
        run.start(maxTokens, (records, info, partial, now) -> new ConcurrentResultConverter(plan, levels,
                prompts::forRequest, run.counters()).convert(records, info, partial, now));
        String model = run.target().model();
        double temperature = run.options().temperature();
        StreamingRequest chat = run.streamingRequest("/v1/chat/completions");
        Function<String, String> toBody = p -> ChatRequestBody.streaming(model, p, maxTokens, temperature);

        List<PopulationBuilder> steps = new ArrayList<>();
        if (plan.warmups() > 0) {
            String body = ChatRequestBody.streaming(model, prompts.forRequest(0), 16, temperature);
            steps.add(scenario("warmup").exec(Warmup.requests(chat, plan.warmups(), body)).injectOpen(atOnceUsers(1)));
        }
        for (int n : levels) {
            String level = ConcurrencyPlan.caseName(n);
            steps.add(scenario(level + " health before").exec(CounterStep.read(run.counters(), level + " before",
                    List.of(CounterReader.HEALTH))).injectOpen(nothingFor(steps.isEmpty() ? Duration.ZERO
                    : plan.pauseBetweenLevels()), atOnceUsers(1)));
            // N users at once, each sending the level's next request until its budget or duration is used up
            IntFunction<String> prompt = prompts.bodies(plan.requestsAt(n), salt, "n" + n, toBody);
            steps.add(scenario(level).exec(plan.userLoop(n, chat, prompt)).injectOpen(atOnceUsers(n)));
            steps.add(scenario(level + " health after").exec(CounterStep.read(run.counters(), level + " after",
                    List.of(CounterReader.HEALTH))).injectOpen(atOnceUsers(1)));
        }
        setUp(InOrder.andThen(steps)).protocols(run.httpProtocol());
    }
}

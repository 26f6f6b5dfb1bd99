import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
    // ... unless prompt./output./dataset. options shape the requests (README, Workloads)
    private final WorkloadOptions shape = run.valid(() -> WorkloadOptions.from(run.options()));
    private Workload workload;

    {
        run.valid(() -> StreamCapacity.checked("concurrency.levels", Collections.max(levels), run.options()));
        double temperature = run.options().temperature();
        int requests = levels.stream().mapToInt(plan::requestsAt).max().orElse(1);
        run.onTarget(target -> workload = Workload.prepare(shape, target, PromptSource.of(prompts),
                () -> PromptCorpus.fromFolder(run.options().newsDir()).words(), maxTokens,
                shape.shapesRequests() ? requests + 1 : prompts.size(), temperature, null));
        run.start(maxTokens, (records, info, partial, now) -> new ConcurrentResultConverter(plan, levels,
                workload::promptText, run.counters()).convert(records, info, partial, now));
        String model = run.target().model();
        System.out.println("gatling-llm-bench: prompts: " + workload.describe());
        StreamingRequest chat = run.streamingRequest("/v1/chat/completions");

        // a shaped workload's warm-up prompt is one past the largest level's
        String body = workload.warmupBody(shape.shapesRequests() ? requests : 0, model, temperature);
        List<PopulationBuilder> steps = new ArrayList<>(run.clientWarmup(body, Collections.max(levels))); // loopback, in this JVM
        if (plan.warmups() > 0) {
            steps.add(scenario("warmup").exec(Warmup.requests(chat, plan.warmups(), body)).injectOpen(atOnceUsers(1)));
        }
        for (int n : levels) {
            String level = ConcurrencyPlan.caseName(n);
            steps.add(scenario(level + " health before").exec(CounterStep.read(run.counters(), level + " before",
                    List.of(CounterReader.HEALTH))).injectOpen(nothingFor(steps.isEmpty() ? Duration.ZERO
                    : plan.pauseBetweenLevels()), atOnceUsers(1)));
            // N users at once, each sending the level's next request until its budget or duration is used up
            Workload fed = salt.salts() // the salt line counted inside the prompt's length
                    ? workload.withHeads(plan.requestsAt(n), i -> salt.line("n" + n + "i" + i)) : workload;
            steps.add(scenario(level).exec(plan.userLoop(n, chat, fed)).injectOpen(atOnceUsers(n)));
            steps.add(scenario(level + " health after").exec(CounterStep.read(run.counters(), level + " after",
                    List.of(CounterReader.HEALTH))).injectOpen(atOnceUsers(1)));
        }
        setUp(InOrder.andThen(steps)).protocols(run.httpProtocol());
    }
}

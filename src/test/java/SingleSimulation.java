import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.List;
import llmbench.config.Options;
import llmbench.load.CaseSequence;
import llmbench.load.ChatRequestBody;
import llmbench.load.PromptSalt;
import llmbench.load.SinglePlan;
import llmbench.results.SingleResultConverter;
import llmbench.run.BenchmarkSimulation;

/**
 * The plan's single-request baselines (bench_single): non-streamed chat, streamed chat and streamed completion
 * for the short, medium and long prompts, then streamed chat at each max_tokens of single.lengths; one request
 * at a time.
 */
public class SingleSimulation extends BenchmarkSimulation {
    private static final int WARMUP_MAX_TOKENS = 16;

    public SingleSimulation() {
        super("SingleSimulation", "bench_single");
    }

    private final int maxTokens = run.valid(() -> run.options().maxTokens(256));
    private final List<Integer> lengths = run.valid(run.options()::singleLengths);
    private final List<String> keys = run.valid(run.options()::singlePromptKeys);
    private final Duration pause = run.valid(() -> run.options().get(Options.CASE_PAUSE_S));
    // -Dcache.bust (default on): each case's prompt salted apart, so the streamed chat of a prompt is not served
    // from the cache its non-streamed chat filled
    private final PromptSalt salt = PromptSalt.of(run.valid(() -> run.options().promptSalt(true)));

    {
        double temperature = run.valid(run.options()::temperature);
        run.valid(() -> SinglePlan.cases(null, run.options().singlePromptsDir(), keys, maxTokens, lengths,
                temperature, pause, salt));
        String model = run.start(maxTokens).target().model();
        CaseSequence plan = new CaseSequence(SinglePlan.cases(model, run.options().singlePromptsDir(), keys,
                maxTokens, lengths, temperature, pause, salt), List.of(),
                ChatRequestBody.streaming(model, "Say hello.", WARMUP_MAX_TOKENS, temperature),
                run.options().warmupRequests());
        run.convertWith(new SingleResultConverter(plan.cases())::convert);
        // one user, the cases one after another, each followed by its pause (case.pause.s)
        setUp(scenario("single").exec(plan.chain(run.requests(), run.counters())).injectOpen(atOnceUsers(1)))
                .protocols(run.httpProtocol());
    }
}

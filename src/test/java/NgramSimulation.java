import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import llmbench.counters.CounterReader;
import llmbench.config.Options;
import llmbench.load.CaseSequence;
import llmbench.load.ChatRequestBody;
import llmbench.load.NgramPlan;
import llmbench.results.NgramResultConverter;
import llmbench.run.BenchmarkSimulation;

/**
 * The plan's n-gram speculative decoding test (bench_ngram): the nine content categories, one streamed request
 * at a time, /v1/spec_decode/metrics read around each; with -Dbaseline.file, speedup per category and overall.
 */
public class NgramSimulation extends BenchmarkSimulation {
    private static final int WARMUP_MAX_TOKENS = 16;

    public NgramSimulation() {
        super("NgramSimulation", "bench_ngram");
    }

    private final int maxTokens = run.valid(() -> run.options().maxTokens(256));
    private final Duration pause = run.valid(() -> run.options().get(Options.CASE_PAUSE_S));
    private final Map<String, String> categories = run.valid(() -> NgramPlan.categories(run.options().ngramDir(),
            run.options().ngramCategories()));
    private final int perCategory = run.valid(run.options()::ngramPromptsPerCategory);
    private final NgramResultConverter.Baseline baseline =
            run.valid(() -> NgramResultConverter.readBaseline(run.options().baselineFile()));

    {
        double temperature = run.valid(run.options()::temperature);
        run.valid(() -> NgramPlan.cases(null, run.options().ngramDir(), categories, perCategory, maxTokens,
                temperature, pause));
        String model = run.start(maxTokens).target().model();
        CaseSequence plan = new CaseSequence(NgramPlan.cases(model, run.options().ngramDir(), categories,
                perCategory, maxTokens, temperature, pause), List.of(CounterReader.SPEC_DECODE),
                ChatRequestBody.streaming(model, "Say hello.", WARMUP_MAX_TOKENS, temperature),
                run.options().warmupRequests());
        run.convertWith(new NgramResultConverter(plan.cases(), categories, run.counters(), baseline)::convert);
        // one user, the cases one after another, each followed by its pause (case.pause.s)
        setUp(scenario("ngram").exec(plan.chain(run.requests(), run.counters())).injectOpen(atOnceUsers(1)))
                .protocols(run.httpProtocol());
    }
}

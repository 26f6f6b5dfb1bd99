import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.List;
import llmbench.counters.CounterReader;
import llmbench.config.Options;
import llmbench.load.CachePlan;
import llmbench.load.CaseSequence;
import llmbench.load.ChatRequestBody;
import llmbench.results.CacheResultConverter;
import llmbench.run.BenchmarkSimulation;

/**
 * The plan's KV-cache test (bench_cache): cold then warm identical request, a shared prefix with three
 * suffixes, multi-turn conversations of 1, 3 and 5 messages; /health read around every case.
 */
public class CacheSimulation extends BenchmarkSimulation {
    private static final int WARMUP_MAX_TOKENS = 16;

    public CacheSimulation() {
        super("CacheSimulation", "bench_cache");
    }

    private final int maxTokens = run.valid(() -> run.options().maxTokens(128));
    private final Duration pause = run.valid(() -> run.options().get(Options.CASE_PAUSE_S));
    private final String salt = run.valid(run.options()::cacheSalt);

    {
        double temperature = run.valid(run.options()::temperature);
        run.valid(() -> CachePlan.cases(null, run.options().cacheFile(), salt, maxTokens, temperature, pause));
        String model = run.start(maxTokens).target().model();
        CaseSequence plan = new CaseSequence(CachePlan.cases(model, run.options().cacheFile(), salt, maxTokens,
                temperature, pause), List.of(CounterReader.HEALTH),
                ChatRequestBody.streaming(model, "Say hello.", WARMUP_MAX_TOKENS, temperature),
                run.options().warmupRequests());
        run.convertWith(new CacheResultConverter(plan.cases(), run.counters(), salt)::convert);
        // one user, the cases one after another, each followed by its pause (case.pause.s)
        setUp(scenario("cache").exec(plan.chain(run.requests(), run.counters())).injectOpen(atOnceUsers(1)))
                .protocols(run.httpProtocol());
    }
}

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import llmbench.config.Options;
import llmbench.lifecycle.StreamCapacity;
import llmbench.load.*;
import llmbench.metrics.RequestLatency;
import llmbench.results.RateResultConverter;
import llmbench.run.BenchmarkSimulation;

/**
 * Capacity: open-model load at a series of request rates (rate.values), or GuideLLM's sweep (rate.profile=sweep:
 * a synchronous run, a throughput run, then rates evenly between them). Every request carries its intended send
 * instant beside its actual one; latencies are measured from the intended one. Per rate: latency percentiles,
 * in-flight, throughput, goodput under -Dslo, scheduling lag; at the top the highest rate within the SLO and the knee.
 */
public class RateSweepSimulation extends BenchmarkSimulation {
    public RateSweepSimulation() {
        super("RateSweepSimulation", "bench_rate");
    }

    // The numbers of the load, each a -D option (README, Options).
    private final int maxTokens = run.valid(() -> run.options().maxTokens(128));
    private final RatePlan plan = run.valid(() -> RatePlan.of(run.options().get(Options.RATE_PROFILE),
            run.options().get(Options.RATE_VALUES), run.options().get(Options.RATE_SWEEP_POINTS),
            run.options().get(Options.RATE_DURATION_S), run.options().get(Options.RATE_REQUESTS),
            run.options().given(Options.RATE_DURATION_S), run.options().get(Options.RATE_ARRIVALS),
            run.options().get(Options.RATE_BURSTINESS), run.options().get(Options.RATE_SEED),
            run.options().get(Options.RATE_WARMUP), run.options().get(Options.RATE_COOLDOWN),
            new SweepGuard(run.options().get(Options.RATE_STOP_IN_FLIGHT), run.options().get(Options.RATE_STOP_ERROR_RATE))));
    private final Duration pause = run.valid(() -> run.options().get(Options.RATE_PAUSE_S));
    // What is fed: arrival i of a rate gets short prompt i mod n (the same corpus as ConcurrentSimulation).
    private final PromptCorpus prompts = run.valid(() -> PromptCorpus.fromLines(run.options().promptsFile()));
    // -Dcache.bust (default on): every request's prompt salted apart, so a repeated prompt is not served from cache
    private final PromptSalt salt = PromptSalt.of(run.valid(() -> run.options().promptSalt(true)));

    {
        if (plan.sweep()) {
            // the throughput run sends all of a point's requests at once
            run.valid(() -> StreamCapacity.checked("rate.requests", plan.points().get(1).users(), run.options()));
        }
        RateResultConverter converter = new RateResultConverter(plan, run.options().get(Options.SLO),
                RequestLatency.TokenGaps.RECORDED);
        run.start(maxTokens, converter::convert).judgeSloWith((records, result) -> converter.sloMiss(records));
        String model = run.target().model();
        double temperature = run.options().temperature();
        StreamingRequest chat = run.streamingRequest("/v1/chat/completions");
        Function<String, String> toBody = p -> ChatRequestBody.streaming(model, p, maxTokens, temperature);
        Map<RatePoint, IntFunction<String>> bodies = new HashMap<>();
        plan.points().forEach(p -> bodies.put(p, prompts.bodies(p.users(), salt, "p" + p.index(), toBody)));
        RateUsers users = new RateUsers(plan, chat, bodies::get);

        String body = ChatRequestBody.streaming(model, prompts.forRequest(0), 16, temperature);
        List<PopulationBuilder> steps = new ArrayList<>(run.clientWarmup(body, plan.points().stream() // a throughput point sends all its users at once
                .filter(p -> p.kind() == RatePoint.Kind.THROUGHPUT).mapToInt(RatePoint::users).max().orElse(1))); // loopback, in this JVM
        int warmups = run.options().get(Options.WARMUP_REQUESTS);
        if (warmups > 0) {
            steps.add(scenario("warmup").exec(Warmup.requests(chat, warmups, body)).injectOpen(atOnceUsers(1)));
        }
        for (RatePoint point : plan.points()) {
            Duration idle = steps.isEmpty() ? Duration.ZERO : pause;
            steps.add(switch (point.kind()) {
                // one user, one request after another: the floor
                case SYNCHRONOUS -> scenario(point.caseName()).exec(users.synchronous(point))
                        .injectOpen(nothingFor(idle), atOnceUsers(1));
                // every request at once: the ceiling
                case THROUGHPUT -> scenario(point.caseName()).exec(users.arrival(point))
                        .injectOpen(nothingFor(idle), atOnceUsers(point.users()));
                // open model: one user per arrival, at its intended instant
                case RATE -> scenario(point.caseName()).exec(users.arrival(point)).injectOpen(point.deferred()
                        // a sweep's rate is known only once the throughput run is over: its users start together
                        // and each waits (Gatling pause) until its intended instant
                        ? new OpenInjectionStep[] {nothingFor(idle), atOnceUsers(point.users())}
                        : arrivals(idle, point.offsetsUs()));
            });
        }
        setUp(InOrder.andThen(steps)).protocols(run.httpProtocol());
    }

    /** nothingFor(gap) + atOnceUsers(1) per arrival: Gatling starts user i at offset i of the schedule. */
    private static OpenInjectionStep[] arrivals(Duration idle, long[] offsetsUs) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        steps.add(nothingFor(idle));
        long previous = 0;
        for (long offset : offsetsUs) {
            if (offset > previous) {
                steps.add(nothingFor(Duration.ofNanos((offset - previous) * 1000)));
            }
            steps.add(atOnceUsers(1));
            previous = offset;
        }
        return steps.toArray(OpenInjectionStep[]::new);
    }
}

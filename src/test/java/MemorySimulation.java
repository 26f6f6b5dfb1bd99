import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import llmbench.counters.CounterReader;
import llmbench.counters.ProcessMemory;
import llmbench.config.Options;
import llmbench.load.CaseSequence;
import llmbench.load.ChatRequestBody;
import llmbench.load.MemoryPlan;
import llmbench.load.PromptCorpus;
import llmbench.results.MemoryResultConverter;
import llmbench.run.BenchmarkSimulation;

/**
 * The plan's memory profile (bench_memory): short, medium and long-context prompts, then one prompt per size of
 * -Dmemory.prompt.tokens built from the news passages, one at a time, the server's memory read before and after
 * each from the best source available (/health, the process via -Dtarget.pid, /metrics, the KV block pool); the
 * source is recorded.
 */
public class MemorySimulation extends BenchmarkSimulation {
    private static final int WARMUP_MAX_TOKENS = 16;

    public MemorySimulation() {
        super("MemorySimulation", "bench_memory");
    }

    private final int maxTokens = run.valid(() -> run.options().maxTokens(256));
    private final Duration pause = run.valid(() -> run.options().get(Options.CASE_PAUSE_S));
    private final Long pid = run.valid(run.options()::targetPid);
    private final List<Integer> sizes = run.valid(run.options()::memoryPromptTokens);
    private final String salt = java.util.UUID.randomUUID().toString().substring(0, 12);

    {
        double temperature = run.valid(run.options()::temperature);
        run.valid(() -> MemoryPlan.cases(null, run.options().memoryFile(), maxTokens, temperature, pause));
        PromptCorpus news = sizes.isEmpty() ? null : run.valid(() -> PromptCorpus.fromFolder(run.options().newsDir()));
        String model = run.start(maxTokens).target().model();
        // The embedded server lives in this JVM: its resident memory is this process's (load generator included).
        Long serverPid = pid != null ? pid
                : "embedded".equals(run.target().kind()) ? Long.valueOf(ProcessHandle.current().pid()) : null;
        String proc = serverPid == null ? null : ProcessMemory.path(serverPid);
        List<String> readings = new ArrayList<>(List.of(CounterReader.HEALTH, CounterReader.PROMETHEUS));
        if (proc != null) {
            readings.add(proc);
        }
        List<CaseSequence.Case> cases = new ArrayList<>(MemoryPlan.cases(model, run.options().memoryFile(), maxTokens,
                temperature, pause));
        if (news != null) {
            cases.addAll(MemoryPlan.promptSizeCases(model, news, sizes, salt, maxTokens, temperature, pause));
        }
        CaseSequence plan = new CaseSequence(cases, readings,
                ChatRequestBody.streaming(model, "Say hello.", WARMUP_MAX_TOKENS, temperature),
                run.options().warmupRequests());
        run.convertWith(new MemoryResultConverter(plan.cases(), run.counters(), proc, salt)::convert);
        // one user, the cases one after another, each followed by its pause (case.pause.s)
        setUp(scenario("memory").exec(plan.chain(run.requests(), run.counters())).injectOpen(atOnceUsers(1)))
                .protocols(run.httpProtocol());
    }
}

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import llmbench.load.ApiPlan;
import llmbench.results.ApiChecks;
import llmbench.results.ApiResultConverter;
import llmbench.run.BenchmarkSimulation;

/**
 * The seed's API test (test_api_comprehensive.py): seven checks of the OpenAI-compatible API, one request after
 * another. Each check ends as a Gatling request that is KO with the reasons when the check failed; any KO fails
 * the build. The JSON report has pass/fail per check.
 */
public class ApiComprehensiveSimulation extends BenchmarkSimulation {
    public ApiComprehensiveSimulation() {
        super("ApiComprehensiveSimulation", "bench_api");
    }

    private final Map<String, String> verdicts = new ConcurrentHashMap<>();

    {
        run.valid(() -> new ApiPlan(run.options().apiFile(), null));
        String model = run.start(512, new ApiResultConverter()::convert).target().model();
        ApiPlan plan = new ApiPlan(run.options().apiFile(), model);
        // one user: the checks' requests one after another, then one verdict request per check
        setUp(scenario("api checks").exec(plan.chain(run.requests(), () -> run.records().size(), () -> {
            if (verdicts.isEmpty()) {
                ApiChecks.evaluate(run.records()).forEach((k, v) -> verdicts.put(k, v.gatlingVerdict()));
            }
            return verdicts;
        })).injectOpen(atOnceUsers(1))).protocols(run.httpProtocol()).assertions(global().failedRequests().count().is(0L));
    }

    @Override
    public void after() {
        super.after();
        Map<String, ApiChecks.Verdict> result = ApiChecks.evaluate(run.records());
        long passed = result.values().stream().filter(ApiChecks.Verdict::passed).count();
        for (ApiChecks.Verdict v : result.values()) {
            System.out.println("gatling-llm-bench: [" + (v.passed() ? "PASS" : "FAIL") + "] " + v.name()
                    + (v.timeS() == null ? "" : " (" + v.timeS() + " s)")
                    + (v.passed() ? "" : ": " + String.join("; ", v.reasons())));
        }
        System.out.println("gatling-llm-bench: SUMMARY: " + passed + "/" + result.size() + " passed, "
                + (result.size() - passed) + " failed");
    }
}

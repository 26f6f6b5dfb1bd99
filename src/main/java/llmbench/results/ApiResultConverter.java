package llmbench.results;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import llmbench.timing.RequestRecord;

/**
 * Maps ApiComprehensiveSimulation's records to {@code bench_api_<label>_*.json}: per check pass/fail with
 * reasons and warnings ({@link ApiChecks}), the seed's summary counts, and every request's row (five metrics
 * for the streamed ones). The {@code benchmark} value {@code api_comprehensive} is not one the seed's
 * extract_results reads; it skips the file.
 */
public final class ApiResultConverter {
    public ObjectNode convert(List<RequestRecord> all, RunInfo info, boolean partial, ZonedDateTime now) {
        ObjectNode root = ResultJson.header("api_comprehensive", info, partial, now);
        Map<String, ApiChecks.Verdict> verdicts = ApiChecks.evaluate(all);
        long passed = verdicts.values().stream().filter(ApiChecks.Verdict::passed).count();
        ObjectNode summary = root.putObject("summary");
        summary.put("passed", passed);
        summary.put("total", verdicts.size());
        summary.put("failed", verdicts.size() - passed);
        summary.put("all_passed", passed == verdicts.size());
        ArrayNode checks = root.putArray("checks");
        for (ApiChecks.Verdict v : verdicts.values()) {
            ObjectNode c = checks.addObject();
            c.put("name", v.name());
            c.put("passed", v.passed());
            c.put("time_s", v.timeS());
            v.reasons().forEach(c.putArray("reasons")::add);
            v.warnings().forEach(c.putArray("warnings")::add);
        }
        ArrayNode requests = root.putArray("results");
        for (RequestRecord r : all) {
            if (!r.labels().warmup()) {
                ObjectNode row = requests.addObject();
                row.put("test_name", r.labels().caseName());
                row.setAll(RequestRows.row(r));
                row.put("content_preview", RecordJson.preview(r.content()));
            }
        }
        List<RequestRecord> measured = all.stream().filter(r -> !r.labels().warmup()).toList();
        ResultCounts.put(root, all, measured);
        ResultJson.putItlDistribution(root, measured);
        return root;
    }
}

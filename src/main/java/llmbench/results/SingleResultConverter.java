package llmbench.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.List;
import llmbench.load.CaseSequence;
import llmbench.timing.RequestRecord;

/**
 * Maps SingleSimulation's records to {@code bench_single_*.json} (the seed's bench_single.py, spec §5.1): one
 * row per case with {@code test_name}, {@code prompt_key}, {@code max_tokens}, {@code content_preview} and the
 * seed's per-case keys, plus the five metrics. A non-streamed case has {@code ttft_s} null and its prefill
 * split from the server's own timings or null ({@code prefill_split} says which).
 */
public final class SingleResultConverter {
    private final List<CaseSequence.Case> cases;

    public SingleResultConverter(List<CaseSequence.Case> cases) {
        this.cases = cases;
    }

    public ObjectNode convert(List<RequestRecord> all, RunInfo info, boolean partial, ZonedDateTime now) {
        ObjectNode root = ResultJson.header("bench_single", info, partial, now);
        CaseRows.array(root, CaseRows.rows(cases, all, "test_name"));
        List<RequestRecord> measured = all.stream().filter(r -> !r.labels().warmup()).toList();
        ResultCounts.put(root, all, measured);
        ResultJson.putItlDistribution(root, measured);
        return root;
    }
}

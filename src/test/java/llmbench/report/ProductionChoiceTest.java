package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProductionChoiceTest {
    private static final ProductionChoice.Candidate BASE = new ProductionChoice.Candidate("baseline", 40.0, 0.100, 0);

    @Test
    void failedRequestsAndSlowFirstTokensRuleOutAFasterDecoder() {
        // ngram decodes fastest but failed 2 requests; ssd is next but its TTFT is (0.125 - 0.1) / 0.1 = +25 %;
        // fp8 decodes 44 (+10.0 %) at TTFT 0.110 (+10 %): chosen.
        List<ProductionChoice.Candidate> c = List.of(BASE,
                new ProductionChoice.Candidate("fp8", 44.0, 0.110, 0),
                new ProductionChoice.Candidate("ngram", 60.0, 0.090, 2),
                new ProductionChoice.Candidate("ssd", 50.0, 0.125, 0));
        StringBuilder s = new StringBuilder();
        assertEquals("fp8", ProductionChoice.choose(c, 0.100, 40.0, 10.0, "bench_single", s));
        assertEquals("Recommended: Phase 2: KV FP8, because it has the highest mean bench_single decode rate, 44 tok/s "
                + "(+10.0% vs baseline), of baseline, fp8, ngram, ssd, with TTFT 0.110 s, and no failed request. "
                + "Left out: Phase 3: N-gram Spec (2 failed requests), Phase 4: SSD Cache (TTFT +25.0% vs baseline, "
                + "limit +20%).", s.toString());
    }

    @Test
    void whenEveryPhaseFailedSomeRequestsErrorsDoNotDecide() {
        StringBuilder s = new StringBuilder();
        assertEquals("ngram", ProductionChoice.choose(List.of(new ProductionChoice.Candidate("baseline", 40.0, null, 1),
                new ProductionChoice.Candidate("ngram", 50.0, null, 3)), null, null, null, "bench_single", s));
        assertNull(ProductionChoice.choose(List.of(new ProductionChoice.Candidate("baseline", 40.0, 0.5, 0),
                new ProductionChoice.Candidate("ngram", 50.0, 0.4, 1)), 0.01, null, null, "bench_single", new StringBuilder()));
    }
}

package llmbench.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import llmbench.metrics.Rates;
import llmbench.metrics.RequestLatency;
import llmbench.metrics.Rounding;
import llmbench.metrics.Slo;
import llmbench.metrics.SloVerdict;
import llmbench.timing.RequestRecord;

/**
 * Judges a finished run against {@code -Dslo}: the one line of a miss (naming the bound, the measured value and
 * the rate), or null when it was met. May add what it judged to the result.
 */
@FunctionalInterface
public interface SloJudge {
    String miss(List<RequestRecord> records, ObjectNode result);

    /**
     * Any simulation: the SLO over all measured (non-warm-up) requests, with the run's achieved rate (requests
     * answered well / first send to last end); the verdict goes into the result as {@code slo_verdict}.
     */
    static SloJudge wholeRun(Slo slo) {
        return (records, result) -> {
            List<RequestRecord> measured = records.stream().filter(r -> !r.labels().warmup()).toList();
            SloVerdict v = SloVerdict.of(slo, measured, RequestLatency.TokenGaps.RECORDED);
            long from = measured.stream().mapToLong(RequestRecord::sendUs).min().orElse(0);
            long to = measured.stream().mapToLong(r -> r.endUs() != null ? r.endUs() : r.closedUs()).max().orElse(0);
            Double rate = Rates.ratio(measured.stream().filter(RequestRecord::succeeded).count(), Rates.seconds(to - from));
            ObjectNode o = result.putObject("slo_verdict");
            o.put("slo", slo.text());
            o.put("met", v.met());
            o.put("achieved_rate_rps", Rounding.round(rate, 4));
            var checks = o.putArray("checks");
            for (SloVerdict.Check c : v.checks()) {
                ObjectNode ch = checks.addObject();
                ch.put("bound", c.bound().text());
                ch.put("value", Rounding.round(c.value(), 4));
                ch.put("met", c.met());
            }
            if (v.met()) {
                return null;
            }
            return "SLO missed over the run's " + measured.size() + " measured requests ("
                    + (rate == null ? "no request answered" : Rounding.fixed(rate, 3) + " req/s achieved") + "): "
                    + v.firstMiss().describe() + " (slo " + slo.text() + ")";
        };
    }
}

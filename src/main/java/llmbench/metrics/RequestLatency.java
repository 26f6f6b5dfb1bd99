package llmbench.metrics;

import java.util.function.Function;
import llmbench.timing.RequestRecord;

/**
 * One request's latencies as an SLO judges them, measured from its <em>start</em>: the intended send instant
 * when an open-model schedule gave it one (so a load generator that falls behind cannot hide the server's
 * queueing: coordinated omission), else the actual send. {@link #fromActualSend} gives the same figures from
 * the actual send, shown beside them.
 * <pre>
 *   ttft_s           = first_token − start
 *   e2e_s            = end − start                          ([DONE] received)
 *   tpot_s           = (last_content − first_token) / (completion_tokens − 1)   (same from either start)
 *   itl_p99_s        = the request's own 99th-percentile gap between content chunks (nearest rank, as
 *                      {@link InterTokenLatency#p99S}; {@link TokenGaps})
 *   scheduling_lag_s = actual send − intended send           (null without a schedule)
 * </pre>
 * Each is null when the request did not get that far (or, for ITL, when no gaps were recorded).
 */
public record RequestLatency(Double ttftS, Double e2eS, Double tpotS, Double itlP99S) {

    /** A request's gaps between consecutive content chunks, in seconds; null when they were not recorded. */
    @FunctionalInterface
    public interface TokenGaps extends Function<RequestRecord, double[]> {
        /** No per-chunk stamps: ITL is unknown for every request. */
        TokenGaps NONE = r -> null;
        /**
         * The gaps the request records carry ({@link RequestRecord#contentGapsUs()}, as {@link InterTokenLatency}
         * reads them: a negative gap from the 1 ms stamp truncation counts as 0); every simulation uses this one.
         */
        TokenGaps RECORDED = r -> {
            int[] us = r.contentGapsUs();
            if (us == null) {
                return null;
            }
            double[] s = new double[us.length];
            for (int i = 0; i < us.length; i++) {
                s[i] = Rates.seconds(Math.max(0, us[i]));
            }
            return s;
        };
    }

    public static RequestLatency fromStart(RequestRecord r, TokenGaps gaps) {
        return of(r, start(r), gaps);
    }

    public static RequestLatency fromActualSend(RequestRecord r, TokenGaps gaps) {
        return of(r, r.sendUs(), gaps);
    }

    private static RequestLatency of(RequestRecord r, long startUs, TokenGaps gaps) {
        if (!r.succeeded()) {
            return new RequestLatency(null, null, null, null);
        }
        Double ttft = r.firstTokenUs() == null ? null : Rates.seconds(r.firstTokenUs() - startUs);
        Double e2e = r.endUs() == null ? null : Rates.seconds(r.endUs() - startUs);
        Double tpot = null;
        Integer completion = r.completionTokens();
        if (completion != null && completion >= 2 && r.firstTokenUs() != null && r.lastContentUs() != null) {
            tpot = Rates.seconds(r.lastContentUs() - r.firstTokenUs()) / (completion - 1);
        }
        double[] g = gaps.apply(r);
        Double itl = g == null || g.length == 0 ? null : Percentiles.nearestRank(g, 0.99);
        return new RequestLatency(ttft, e2e, tpot, itl);
    }

    /** The instant latencies are measured from: the intended send when there is one, else the actual send. */
    public static long start(RequestRecord r) {
        Long intended = r.labels().intendedSendUs();
        return intended != null ? intended : r.sendUs();
    }

    /** actual send − intended send in seconds; null for a request without a schedule. */
    public static Double schedulingLagS(RequestRecord r) {
        Long intended = r.labels().intendedSendUs();
        return intended == null ? null : Rates.seconds(r.sendUs() - intended);
    }

    /** This request's value of a latency metric (ITL: its own p99 gap); null when unknown. */
    public Double value(SloBound.Metric metric) {
        return switch (metric) {
            case TTFT -> ttftS;
            case E2E -> e2eS;
            case TPOT -> tpotS;
            case ITL -> itlP99S;
            case ERROR_RATE -> throw new IllegalArgumentException("error_rate is not a per-request figure");
        };
    }

    /**
     * Good: the request succeeded and every latency bound of the SLO holds for its own value. A value that is
     * unknown (no ITL recorded, a single-token reply's TPOT) fails its bound: nothing unmeasured counts as good.
     */
    public static boolean isGood(RequestRecord r, RequestLatency l, Slo slo) {
        if (!r.succeeded()) {
            return false;
        }
        for (SloBound b : slo.perRequest()) {
            Double v = l.value(b.metric());
            if (v == null || v > b.limit()) {
                return false;
            }
        }
        return true;
    }
}

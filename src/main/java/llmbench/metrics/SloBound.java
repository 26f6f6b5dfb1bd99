package llmbench.metrics;

/**
 * One bound of a service-level objective, as written in {@code -Dslo}: {@code ttft_p95<=2s} is
 * {@code (TTFT, 0.95, 2.0)}, {@code error_rate<=0.01} is {@code (ERROR_RATE, null, 0.01)}.
 *
 * <p>Two readings of the same bound ({@link Slo}): over a group of requests, the percentile of the per-request
 * values must not exceed the limit; for one request (goodput), its own value must not exceed the limit,
 * whatever the percentile. {@code error_rate} has only the group reading.
 *
 * @param quantile in (0, 1]; null for {@code error_rate}
 * @param limit    seconds for latency metrics, a fraction for {@code error_rate}
 * @param text     the bound as the user wrote it (stripped), for messages
 */
public record SloBound(Metric metric, Double quantile, double limit, String text) {
    /** The metrics an SLO may bound; per-request values in {@link RequestLatency}. */
    public enum Metric {
        TTFT("ttft"), ITL("itl"), TPOT("tpot"), E2E("e2e"), ERROR_RATE("error_rate");

        public final String key;

        Metric(String key) {
            this.key = key;
        }
    }

    /** The name of the group figure, e.g. {@code ttft_p95} (also the key of a result row). */
    public String figure() {
        return metric == Metric.ERROR_RATE ? metric.key : metric.key + "_p" + percentText();
    }

    /** 95 for 0.95, 99.9 for 0.999. */
    public String percentText() {
        double p = quantile * 100;
        long whole = Math.round(p);
        return Math.abs(p - whole) < 1e-9 ? Long.toString(whole) : java.math.BigDecimal.valueOf(p)
                .stripTrailingZeros().toPlainString();
    }

    /** The limit as written back for messages: seconds ("2s", "0.15s") or the error fraction. */
    public String limitText() {
        return metric == Metric.ERROR_RATE ? Rounding.fixed(limit, 4).replaceAll("0+$", "").replaceAll("\\.$", "")
                : seconds(limit);
    }

    /** A duration in seconds as the shortest exact decimal with an {@code s} unit. */
    public static String seconds(double s) {
        return java.math.BigDecimal.valueOf(s).stripTrailingZeros().toPlainString() + "s";
    }
}

package llmbench.capacity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's figures for one workload, each with its standard error from the parameters' uncertainty
 * (delta method) and a 95 % interval (value ± 1.96·se). The interval covers parameter uncertainty only,
 * not run-to-run noise; how far predictions land from measurements is what {@code cv_mape} measures.
 */
public record Prediction(int users, Map<String, Estimate> figures) {
    /** Figure names, with the unit in the name; definitions as in the result files (README "Metrics"). */
    public static final String AGGREGATE = "aggregate_throughput_tok_s";
    public static final String TTFT_P50 = "ttft_p50_s";
    public static final String TTFT_P95 = "ttft_p95_s";
    public static final String DECODE = "decode_tok_s";
    public static final String LATENCY_P50 = "latency_p50_s";
    public static final String LATENCY_P95 = "latency_p95_s";
    static final String[] ORDER = {AGGREGATE, TTFT_P50, TTFT_P95, DECODE, LATENCY_P50, LATENCY_P95};

    public record Estimate(double value, double standardError) {
        public double low() {
            return value - 1.96 * standardError;
        }

        public double high() {
            return value + 1.96 * standardError;
        }
    }

    public Estimate get(String name) {
        return figures.get(name);
    }

    /** From {@code {values, standard errors}} in {@link #ORDER}. */
    static Prediction of(int users, double[][] valuesAndErrors) {
        return of(users, valuesAndErrors[0], valuesAndErrors[1]);
    }

    static Prediction of(int users, double[] values, double[] se) {
        Map<String, Estimate> m = new LinkedHashMap<>();
        for (int i = 0; i < ORDER.length; i++) {
            m.put(ORDER[i], new Estimate(values[i], se[i]));
        }
        return new Prediction(users, m);
    }
}

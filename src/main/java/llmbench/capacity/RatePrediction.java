package llmbench.capacity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "What happens at R req/s?" for a rate that was not run: the model replays what RateSweepSimulation would send
 * ({@link OpenLoad#poisson}) — Poisson arrivals over the measured rates' mean duration, the measured rates'
 * requests (prompt, cached and completion tokens, in the order they were sent) cycled over the arrivals — for
 * {@link #SEEDS} seeds: the rate file's {@code load.seed} and the next ones.
 *
 * <p>Each figure is the mean over the seeds; its standard error combines the parameters' (delta method, the
 * root mean square over seeds) and the seeds' spread (sample standard deviation):
 * se = √(se_param² + sd_seeds²), so the 95 % interval covers both which arrivals came and what the fit does
 * not know, not run-to-run noise of the server. {@code seedLow}/{@code seedHigh}: the range over seeds.
 *
 * <p>{@code beyondCapacity}: R ≥ the step loop's throughput capacity for this request mix ({@link
 * OpenLoad#capacityRps}). The queue then grows for as long as the load lasts, so TTFT and e2e are those of a
 * run of {@code durationS} seconds and grow with it: not a steady figure.
 */
record RatePrediction(double rateRps, Prediction figures, double[] seedLow, double[] seedHigh, int arrivals,
                      double durationS, double capacityRps, boolean beyondCapacity) {
    static final int SEEDS = 5;

    static RatePrediction at(CapacityModel m, double rate, ResultsDir.RateSweep sweep, Integer promptTokens,
                             Integer outputTokens) {
        List<Workload.Item> pool = new ArrayList<>();
        double duration = 0;
        for (Measured.RatePoint p : sweep.points()) {
            duration += p.plannedArrivals() / p.offeredRps() / sweep.points().size();
            for (Measured.RateRequest r : p.requests()) {
                Measured.Request q = r.request();
                pool.add(new Workload.Item(promptTokens != null ? promptTokens : q.promptTokens(),
                        outputTokens != null ? outputTokens : q.completionTokens(), q.repeat(),
                        promptTokens != null ? Integer.valueOf(Math.min(m.defaultCachedTokens(), promptTokens)) : q.cachedTokens()));
            }
        }
        int n = Prediction.ORDER.length;
        double[][] values = new double[SEEDS][];
        double[] meanValue = new double[n];
        double[] paramVar = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
        double capacity = Double.POSITIVE_INFINITY;
        int arrivals = 0;
        for (int j = 0; j < SEEDS; j++) {
            OpenLoad load = OpenLoad.poisson(rate, duration, sweep.seed() + j, pool, sweep.warmupFraction(), sweep.cooldownFraction());
            arrivals = Math.max(arrivals, load.arrivals().size());
            capacity = Math.min(capacity, m.capacityRps(load));
            Prediction p = m.predict(load);
            values[j] = new double[n];
            for (int i = 0; i < n; i++) {
                Prediction.Estimate e = p.get(Prediction.ORDER[i]);
                values[j][i] = e.value();
                meanValue[i] += e.value() / SEEDS;
                paramVar[i] += e.standardError() * e.standardError() / SEEDS;
                low[i] = Math.min(low[i], e.value());
                high[i] = Math.max(high[i], e.value());
            }
        }
        Map<String, Prediction.Estimate> figures = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            double ss = 0;
            for (int j = 0; j < SEEDS; j++) {
                ss += (values[j][i] - meanValue[i]) * (values[j][i] - meanValue[i]);
            }
            double seedVar = ss / (SEEDS - 1);
            figures.put(Prediction.ORDER[i], new Prediction.Estimate(meanValue[i], Math.sqrt(paramVar[i] + seedVar)));
        }
        return new RatePrediction(rate, new Prediction(arrivals, figures), low, high, arrivals, duration, capacity,
                rate >= capacity);
    }
}

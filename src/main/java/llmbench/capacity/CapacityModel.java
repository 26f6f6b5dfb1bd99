package llmbench.capacity;

import java.util.ArrayList;
import java.util.List;
import llmbench.metrics.Percentiles;

/**
 * A fitted performance model: predicts a workload's figures with intervals.
 *
 * <p>For each run of the workload and each cyclic order of its requests, {@link StepSimulator} gives every
 * request's first and last token (all sent at time 0, the i-th from 0 reaching the scheduler at δ·i);
 * then, with o added, as the result files define them: aggregate throughput = mean over runs of (Σprompt + Σcompletion) / (o + last token); TTFT = o +
 * first token; decode tok/s = mean over requests of completion / (last − first token); latency = TTFT +
 * decode time; percentiles by nearest rank over all requests of all orders (HdrHistogram's percentile in
 * the result files equals nearest rank within its 0.1 % resolution). A prompt that is a repeat is
 * prefilled as one token when the model found prefix reuse.
 */
public final class CapacityModel {
    private final CapacityFitter.Result fit;
    private final int defaultPromptTokens;
    private final int defaultCompletionTokens;
    private final int defaultCachedTokens;
    private final int largestMeasuredK;
    private final boolean cachedTokensReported;

    CapacityModel(CapacityFitter.Result fit, int defaultPromptTokens, int defaultCompletionTokens, int defaultCachedTokens,
                  int largestMeasuredK) {
        this(fit, defaultPromptTokens, defaultCompletionTokens, defaultCachedTokens, largestMeasuredK, false);
    }

    /** @param cachedTokensReported every fitted request carried the server's cached count (prefix reuse was not guessed) */
    CapacityModel(CapacityFitter.Result fit, int defaultPromptTokens, int defaultCompletionTokens, int defaultCachedTokens,
                  int largestMeasuredK, boolean cachedTokensReported) {
        this.cachedTokensReported = cachedTokensReported;
        this.fit = fit;
        this.defaultPromptTokens = defaultPromptTokens;
        this.defaultCompletionTokens = defaultCompletionTokens;
        this.defaultCachedTokens = defaultCachedTokens;
        this.largestMeasuredK = largestMeasuredK;
    }

    /** Fits Batch points (and Single / Concurrent batches) into a model; {@code maxBatch} 0 = no cap. */
    static CapacityModel fit(List<Measured.Point> points, List<Measured.Batch> others, int maxBatch) {
        List<Measured.Batch> batches = new ArrayList<>(others);
        long prompt = 0;
        long completion = 0;
        int n = 0;
        int largest = 0;
        List<Double> freshCached = new ArrayList<>();
        for (Measured.Point pt : points) {
            largest = Math.max(largest, pt.k());
            for (Measured.Batch b : pt.batches()) {
                batches.add(b);
                for (Measured.Request r : b.requests()) {
                    prompt += r.promptTokens();
                    completion += r.completionTokens();
                    n++;
                    if (!r.repeat() && r.cachedTokens() != null) {
                        freshCached.add((double) r.cachedTokens());
                    }
                }
            }
        }
        CapacityFitter.Result fit = CapacityFitter.fit(batches, maxBatch);
        // A new prompt still shares its first tokens (chat template, salt line's run part) with earlier ones:
        // the median the server reported for the measured new prompts (0 where it reported none).
        int cached = freshCached.isEmpty() ? 0
                : (int) Math.round(Percentiles.median(freshCached.stream().mapToDouble(Double::doubleValue).toArray()));
        boolean reported = batches.stream().flatMap(b -> b.requests().stream()).allMatch(r -> r.cachedTokens() != null);
        return new CapacityModel(fit, (int) Math.round((double) prompt / n), (int) Math.round((double) completion / n),
                cached, largest, reported);
    }

    /**
     * Reads {@code dir} and fits every Batch point (or only {@code fitK} when not empty) with the Single and
     * Concurrent files present; {@code maxBatch} 0 = no cap.
     *
     * @throws llmbench.config.BadInputException the directory lacks what the model needs (the message says which benchmark to run)
     */
    public static CapacityModel fromResultsDir(java.nio.file.Path dir, List<Integer> fitK, int maxBatch) {
        ResultsDir.Loaded loaded = ResultsDir.read(dir);
        List<Measured.Point> points = loaded.points().stream().filter(p -> fitK.isEmpty() || fitK.contains(p.k())).toList();
        return fit(points, loaded.others(), maxBatch);
    }

    public Parameters parameters() {
        return fit.parameters();
    }

    /** Standard error of the open-schedule overhead ({@link Parameters#openOverheadS}). */
    public double openOverheadStandardError() {
        return fit.openOverheadSeS();
    }

    /** Standard errors of o, α, β, c in that order. */
    public double[] standardErrors() {
        double[] se = new double[4];
        for (int j = 0; j < 4; j++) {
            se[j] = Math.sqrt(Math.max(0, fit.covariance()[j][j]));
        }
        return se;
    }

    CapacityFitter.Result fit() {
        return fit;
    }

    public int defaultPromptTokens() {
        return defaultPromptTokens;
    }

    public int defaultCompletionTokens() {
        return defaultCompletionTokens;
    }

    /** Prompt tokens of a new prompt that the server already holds (its shared head), as measured. */
    public int defaultCachedTokens() {
        return defaultCachedTokens;
    }

    public int largestMeasuredK() {
        return largestMeasuredK;
    }

    /** The same model with other default prompt and completion lengths for {@link #predict(int)}. */
    CapacityModel withDefaults(int promptTokens, int completionTokens) {
        return new CapacityModel(fit, promptTokens, completionTokens, defaultCachedTokens, largestMeasuredK, cachedTokensReported);
    }

    /** Every fitted request carried the server's cached-token count, so prefix reuse was read, not fitted. */
    public boolean cachedTokensReported() {
        return cachedTokensReported;
    }

    /** k users at once with new prompts of the default length, their measured shared head cached. */
    public Workload fresh(int k) {
        return Workload.cold(k, defaultPromptTokens, defaultCompletionTokens, defaultCachedTokens);
    }

    /** k users at once with fresh prompts of the measured mean length ({@link #fresh}). */
    public Prediction predict(int k) {
        return predict(fresh(k));
    }

    public Prediction predict(Workload w) {
        return Prediction.of(w.users(), valuesAndErrors(p -> evaluate(p, w), 0.01));
    }

    /**
     * An open load's figures ({@link OpenLoad#evaluate}) with standard errors from the parameters' uncertainty;
     * {@link Prediction#users()} is its number of arrivals. The differences for the delta method span ±1 standard
     * error of each parameter: an open load's figures are step functions of the parameters (a request crosses a
     * step, a slot's release or the window's end), so a difference over 1 % of a standard error measures a jump,
     * not the slope over the range the parameters may lie in.
     */
    Prediction predict(OpenLoad load) {
        return Prediction.of(load.arrivals().size(), valuesAndErrors(load::evaluate, 1.0));
    }

    /** The step loop's throughput capacity for {@code load}'s request mix ({@link OpenLoad#capacityRps}). */
    double capacityRps(OpenLoad load) {
        return load.capacityRps(fit.parameters());
    }

    /**
     * Figures and their standard errors by the delta method: a central-difference gradient in (o, α, β, c) with
     * the fit's covariance, each difference over ± {@code step} standard errors of its parameter.
     */
    private double[][] valuesAndErrors(java.util.function.Function<Parameters, double[]> figures, double step) {
        double[] theta = fit.parameters().vector();
        double[] value = figures.apply(fit.parameters());
        double[][] grad = new double[value.length][theta.length];
        for (int j = 0; j < theta.length; j++) {
            double se = Math.sqrt(Math.max(0, fit.covariance()[j][j]));
            double h = Math.max(se * step, Math.abs(theta[j]) * 1e-6 + 1e-12);
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[j] += h;
            down[j] -= h;
            double[] vu = figures.apply(fit.parameters().with(up));
            double[] vd = figures.apply(fit.parameters().with(down));
            for (int i = 0; i < value.length; i++) {
                grad[i][j] = (vu[i] - vd[i]) / (2 * h);
            }
        }
        double[] se = new double[value.length];
        for (int i = 0; i < value.length; i++) {
            double var = 0;
            for (int j = 0; j < theta.length; j++) {
                for (int l = 0; l < theta.length; l++) {
                    var += grad[i][j] * fit.covariance()[j][l] * grad[i][l];
                }
            }
            se[i] = Math.sqrt(Math.max(0, var));
        }
        // The open-schedule overhead: only open loads read it (closed workloads' gradient is 0).
        double seOpen = fit.openOverheadSeS();
        if (seOpen > 0) {
            Parameters p = fit.parameters();
            double h = Math.max(seOpen * step, 1e-9);
            double[] vu = figures.apply(p.withOpenOverhead(p.openOverheadS() + h));
            double[] vd = figures.apply(p.withOpenOverhead(p.openOverheadS() - h));
            for (int i = 0; i < value.length; i++) {
                double g = (vu[i] - vd[i]) / (2 * h);
                se[i] = Math.sqrt(se[i] * se[i] + g * g * seOpen * seOpen);
            }
        }
        return new double[][] {value, se};
    }

    /** The six figures of {@link Prediction#ORDER} for one parameter vector. */
    static double[] evaluate(Parameters p, Workload w) {
        List<Double> ttfts = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        double aggSum = 0;
        double decodeSum = 0;
        int decodeCount = 0;
        for (List<Workload.Item> run : w.runs()) {
            boolean uniform = run.stream().distinct().count() == 1;
            int orders = uniform ? 1 : run.size();
            double runAgg = 0;
            long tokens = 0;
            for (Workload.Item it : run) {
                tokens += it.promptTokens() + it.completionTokens();
            }
            for (int rot = 0; rot < orders; rot++) {
                List<StepSimulator.Request> reqs = new ArrayList<>();
                for (int i = 0; i < run.size(); i++) {
                    Workload.Item it = run.get((i + rot) % run.size());
                    int prefill = p.prefillTokens(it.promptTokens(), it.cachedTokens(), it.repeat());
                    reqs.add(new StepSimulator.Request(p.spreadS() * i, prefill, it.completionTokens()));
                }
                double last = 0;
                List<StepSimulator.Outcome> outcomes = StepSimulator.run(reqs, p.step());
                for (int i = 0; i < outcomes.size(); i++) {
                    StepSimulator.Outcome o = outcomes.get(i);
                    double ttft = p.overheadS() + o.firstTokenS();
                    ttfts.add(ttft);
                    latencies.add(ttft + o.decodeS());
                    last = Math.max(last, o.lastTokenS());
                    if (o.decodeS() > 0) {
                        decodeSum += reqs.get(i).completionTokens() / o.decodeS();
                        decodeCount++;
                    }
                }
                runAgg += tokens / (p.overheadS() + last);
            }
            aggSum += runAgg / orders;
        }
        double[] t = ttfts.stream().mapToDouble(Double::doubleValue).toArray();
        double[] l = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        return new double[] {
            aggSum / w.runs().size(),
            Percentiles.nearestRank(t, 0.50),
            Percentiles.nearestRank(t, 0.95),
            decodeCount == 0 ? Double.NaN : decodeSum / decodeCount,
            Percentiles.nearestRank(l, 0.50),
            Percentiles.nearestRank(l, 0.95),
        };
    }
}

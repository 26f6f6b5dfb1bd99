package llmbench.capacity;

import java.util.ArrayList;
import java.util.List;

/**
 * Leave-one-k-out cross-validation: for each measured batch size k, fit without it, predict the workload
 * it measured (its runs' prompt and completion tokens, which prompts were repeats) and compare with the
 * result file's figures. Error = |predicted − measured| / measured; {@code cv_mape} = the mean over the
 * held-out k, per figure, each a fraction. Single and Concurrent batches stay in every fit.
 *
 * <p>The same comparison against points that were never in the fit ({@link #holdOut}) is the validation
 * of issue 12 part 3 (fit on k = 1, 2, 4, 8; compare at 3, 5, 6, 7).
 *
 * <p>Leave-one-rate-out ({@link #leaveOneRateOut}): for each measured offered rate r of a rate sweep, fit
 * without r's requests (Batch, Single, Concurrent and the other rates stay in), replay r's own arrivals at
 * their actual send instants through the fitted step loop ({@link OpenLoad#of}) and compare with the rate
 * file's figures: {@code total_tok_s} as aggregate throughput, {@code ttft_p50_s} (from the intended send),
 * and decode tok/s from its requests. Same error, same mean, over the held-out rates; one rate is enough
 * (the Batch points fit the model).
 */
final class CrossValidation {
    static final String[] FIGURES = {Prediction.AGGREGATE, Prediction.TTFT_P50, Prediction.DECODE};

    private CrossValidation() {
    }

    /** One held-out k: measured, predicted, and the error fraction of each of {@link #FIGURES}. */
    record HeldOut(int k, double[] measured, double[] predicted, double[] error) {
    }

    /** Per-k results and the mean error per figure (null when fewer than three k values exist). */
    record Result(List<HeldOut> points, double[] mape) {
    }

    static Result leaveOneKOut(List<Measured.Point> points, List<Measured.Batch> others, int maxBatch) {
        List<HeldOut> out = new ArrayList<>();
        if (points.size() < 3) {
            return new Result(out, null);
        }
        for (Measured.Point held : points) {
            List<Measured.Point> rest = new ArrayList<>(points);
            rest.remove(held);
            CapacityModel m = CapacityModel.fit(rest, others, maxBatch);
            out.add(compare(m, held));
        }
        return new Result(out, mean(out));
    }

    /**
     * One held-out rate: measured and predicted {@link #FIGURES}, their error fractions (NaN where the file
     * lacks the figure), and the throughput capacity of the fit without it ({@link OpenLoad#capacityRps}).
     */
    record HeldOutRate(double offeredRps, double[] measured, double[] predicted, double[] error, double capacityRps) {
        boolean beyondCapacity() {
            return offeredRps >= capacityRps;
        }
    }

    /** Per-rate results and the mean error per figure over the held-out rates (null without a rate sweep). */
    record RateResult(List<HeldOutRate> points, double[] mape) {
    }

    static RateResult leaveOneRateOut(List<Measured.Point> points, List<Measured.Batch> others, ResultsDir.RateSweep sweep,
                                      int maxBatch) {
        List<HeldOutRate> out = new ArrayList<>();
        if (sweep == null) {
            return new RateResult(out, null);
        }
        for (Measured.RatePoint held : sweep.points()) {
            List<Measured.Batch> rest = new ArrayList<>(others);
            rest.addAll(sweep.batches(held));
            out.add(compare(CapacityModel.fit(points, rest, maxBatch), held));
        }
        double[] m = new double[FIGURES.length];
        for (int i = 0; i < m.length; i++) {
            int fi = i;
            m[i] = out.stream().mapToDouble(h -> h.error()[fi]).filter(e -> !Double.isNaN(e)).average().orElse(Double.NaN);
        }
        return new RateResult(out, m);
    }

    static HeldOutRate compare(CapacityModel m, Measured.RatePoint r) {
        OpenLoad load = OpenLoad.of(r);
        double[] all = load.evaluate(m.parameters());
        double[] measured = new double[FIGURES.length];
        double[] predicted = new double[FIGURES.length];
        double[] error = new double[FIGURES.length];
        for (int i = 0; i < FIGURES.length; i++) {
            Double v = r.figures().get(FIGURES[i]);
            measured[i] = v == null ? Double.NaN : v;
            predicted[i] = all[java.util.Arrays.asList(Prediction.ORDER).indexOf(FIGURES[i])];
            error[i] = Math.abs(predicted[i] - measured[i]) / measured[i];
        }
        return new HeldOutRate(r.offeredRps(), measured, predicted, error, m.capacityRps(load));
    }

    static Result holdOut(CapacityModel model, List<Measured.Point> unseen) {
        List<HeldOut> out = new ArrayList<>();
        for (Measured.Point p : unseen) {
            out.add(compare(model, p));
        }
        return new Result(out, out.isEmpty() ? null : mean(out));
    }

    static HeldOut compare(CapacityModel m, Measured.Point p) {
        Prediction pred = m.predict(Workload.of(p));
        double[] measured = {p.aggregateTokS(), p.ttftP50S(), p.decodeTokS()};
        double[] predicted = new double[FIGURES.length];
        double[] error = new double[FIGURES.length];
        for (int i = 0; i < FIGURES.length; i++) {
            predicted[i] = pred.get(FIGURES[i]).value();
            error[i] = Math.abs(predicted[i] - measured[i]) / measured[i];
        }
        return new HeldOut(p.k(), measured, predicted, error);
    }

    private static double[] mean(List<HeldOut> points) {
        double[] m = new double[FIGURES.length];
        for (HeldOut h : points) {
            for (int i = 0; i < m.length; i++) {
                m[i] += h.error()[i] / points.size();
            }
        }
        return m;
    }
}

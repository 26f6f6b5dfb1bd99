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
 * <p>Extension point: a point is one closed load (k users at once). An open-loop rate sweep adds points
 * keyed by offered rate, held out one rate at a time the same way, once a queueing predictor for them
 * exists; {@code bench_rate} files are not read yet.
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

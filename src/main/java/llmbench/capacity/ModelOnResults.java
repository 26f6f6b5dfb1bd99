package llmbench.capacity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The model fitted to every Batch point of a results directory (with its Single, Concurrent and rate-sweep
 * files), the points it was fitted to, its leave-one-k-out and leave-one-rate-out errors, and "max users within
 * an objective" answered both ways: what the report page's "What the model predicts" shows.
 *
 * <p>The measured answer is the largest measured k up to which every measured k met the objective (the
 * file's own figure, e.g. {@code ttft_s.p95}); when even the largest met it, the answer is "at least" that k.
 */
public final class ModelOnResults {
    /** One measured batch size: the result file's figures by {@link Prediction} name. */
    public record Point(int k, java.util.Map<String, Double> figures) {
    }

    /** A held-out k: {@link #FIGURES} measured, predicted by the fit without k, and |p − m| / m. */
    public record HeldOut(int k, double[] measured, double[] predicted, double[] error) {
    }

    /**
     * @param maxUsers largest k that meets the objective (0: not even one user)
     * @param atLeast  the measured answer is a lower bound (every measured k met it), or the model's search hit its cap
     * @param failsAt  the smallest measured k that failed (the truth lies below it), null for the model's answer
     */
    public record MaxUsers(String objective, int maxUsers, boolean atLeast, Integer failsAt) {
    }

    /**
     * A held-out offered rate of a rate sweep: {@link #FIGURES} measured and predicted by the fit without the
     * rate (its own arrivals replayed), |p − m| / m (NaN where the file lacks the figure), and that fit's
     * throughput capacity in req/s (a rate at or beyond it has a queue that grows for as long as the rate lasts).
     */
    public record HeldOutRate(double offeredRps, double[] measured, double[] predicted, double[] error, double capacityRps) {
        public boolean beyondCapacity() {
            return offeredRps >= capacityRps;
        }
    }

    /** The figures of the held-out errors, in {@link HeldOut} order. */
    public static final List<String> FIGURES = List.of(CrossValidation.FIGURES);

    private final CapacityModel model;
    private final List<Point> points;
    private final CrossValidation.Result cv;
    private final CrossValidation.RateResult rateCv;

    private ModelOnResults(CapacityModel model, List<Point> points, CrossValidation.Result cv, CrossValidation.RateResult rateCv) {
        this.model = model;
        this.points = points;
        this.cv = cv;
        this.rateCv = rateCv;
    }

    /**
     * @throws llmbench.config.BadInputException the directory lacks what the model needs (message says which run)
     */
    public static ModelOnResults fit(Path dir) {
        ResultsDir.Loaded loaded = ResultsDir.read(dir);
        List<Measured.Batch> others = loaded.fitted(true);
        CapacityModel model = CapacityModel.fit(loaded.points(), others, 0);
        CrossValidation.Result cv = CrossValidation.leaveOneKOut(loaded.points(), others, 0);
        CrossValidation.RateResult rateCv = CrossValidation.leaveOneRateOut(loaded.points(), loaded.others(), loaded.rates(), 0);
        List<Point> pts = loaded.points().stream().map(p -> new Point(p.k(), p.figures())).toList();
        return new ModelOnResults(model, pts, cv, rateCv);
    }

    public CapacityModel model() {
        return model;
    }

    public List<Point> measured() {
        return points;
    }

    public List<HeldOut> heldOut() {
        List<HeldOut> out = new ArrayList<>();
        cv.points().forEach(h -> out.add(new HeldOut(h.k(), h.measured(), h.predicted(), h.error())));
        return out;
    }

    /** The rate sweep's offered rates, each predicted by the fit without it; empty without a rate sweep. */
    public List<HeldOutRate> heldOutRates() {
        return rateCv.points().stream().map(h -> new HeldOutRate(h.offeredRps(), h.measured(), h.predicted(), h.error(),
                h.capacityRps())).toList();
    }

    /** Mean leave-one-rate-out error per figure of {@link #FIGURES} (NaN-free figures only), null without a rate sweep. */
    public double[] rateCvMape() {
        return rateCv.mape();
    }

    /** Mean held-out error per figure of {@link #FIGURES}, null with fewer than three batch sizes. */
    public double[] cvMape() {
        return cv.mape();
    }

    /** The model's answer for {@code objective} (e.g. {@code ttft_p95<=2s}), k users at once with fresh prompts. */
    public MaxUsers modelMaxUsers(String objective) {
        SloQuery q = SloQuery.parse(objective);
        SloQuery.Answer a = q.answer(model);
        return new MaxUsers(q.text(), a.maxUsers(), a.capped(), null);
    }

    /** The measured answer for {@code objective}; null when the files lack the figure. */
    public MaxUsers measuredMaxUsers(String objective) {
        SloQuery q = SloQuery.parse(objective);
        int good = 0;
        for (Point p : points) {
            Double v = p.figures().get(q.figure());
            if (v == null) {
                return null;
            }
            if (!(q.atMost() ? v <= q.bound() : v >= q.bound())) {
                return new MaxUsers(q.text(), good, false, p.k());
            }
            good = p.k();
        }
        return new MaxUsers(q.text(), good, true, null);
    }
}

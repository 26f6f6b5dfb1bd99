package llmbench.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan's three questions about batch scaling, answered from every run of every k, each with a 95 %
 * interval ({@link Interval95}) so that run-to-run noise reads as "inconclusive", never as an answer:
 * <ul>
 *   <li><b>rises</b>: the least-squares slope of run aggregate throughput against k, over all runs of all k
 *       ({@link Interval95#slope}): yes when its interval is above zero, no when below, else inconclusive. (It
 *       was the largest k's mean against the smallest k's, which a noisy curve that falls in the middle can
 *       pass.)</li>
 *   <li><b>saturation k</b>: step by step, Welch's interval for T(k) − (1 + g) · T(k_prev) over the two k's runs
 *       ({@link Interval95#scaledDifference}), g = {@code gainThreshold}: a step is below the threshold when the
 *       interval is below zero, above it when above zero. The saturation k is the first step's k that is
 *       below, provided every step before it is clearly above; a step that cannot be told (intervals
 *       overlap, or one run per k) makes saturation inconclusive. {@code saturationKFromMeans} keeps the plain
 *       rule on means (first k whose gain T(k)/T(k_prev) − 1 is below g) for comparison;</li>
 *   <li><b>latency cost</b>: per step, (L(k) − L(k_prev)) / (k − k_prev) seconds of mean per-request
 *       latency per added request, and the same slope from the smallest to the largest k.</li>
 * </ul>
 */
public record ScalingAnswers(
        Interval95 throughputTrend,
        Interval95.Sign throughputRises,
        Saturation saturation,
        Integer saturationK,
        Integer saturationKFromMeans,
        double gainThreshold,
        List<Step> steps,
        Double latencyCostPerRequestS) {

    public enum Saturation { SATURATED, NONE, INCONCLUSIVE }

    /**
     * @param throughputTokS mean aggregate throughput of k's runs (as the file has it)
     * @param runThroughputs each run's aggregate throughput
     */
    public record Point(int k, double throughputTokS, double meanLatencyS, double[] runThroughputs) {
    }

    /**
     * @param throughputGain     T(k)/T(k_prev) − 1 of the means; null after a k with no throughput
     * @param beyondThreshold    interval for T(k) − (1 + g) · T(k_prev), tok/s
     * @param belowThreshold     YES when the whole interval is below zero (the step gains less than g)
     */
    public record Step(int fromK, int toK, Double throughputGain, double latencyCostPerRequestS,
                       Interval95 beyondThreshold, Interval95.Sign belowThreshold) {
    }

    /** {@code points} sorted by k, one per k; fewer than two points answer nothing about scaling. */
    public static ScalingAnswers of(List<Point> points, double gainThreshold) {
        List<Step> steps = new ArrayList<>();
        Integer fromMeans = null;
        for (int i = 1; i < points.size(); i++) {
            Point prev = points.get(i - 1);
            Point cur = points.get(i);
            Double ratio = Rates.ratio(cur.throughputTokS(), prev.throughputTokS());
            Double gain = ratio == null ? null : ratio - 1;
            double cost = (cur.meanLatencyS() - prev.meanLatencyS()) / (cur.k() - prev.k());
            Interval95 beyond = Interval95.scaledDifference(cur.runThroughputs(), prev.runThroughputs(), 1 + gainThreshold);
            steps.add(new Step(prev.k(), cur.k(), gain, cost, beyond, flip(beyond.sign())));
            if (fromMeans == null && gain != null && gain < gainThreshold) {
                fromMeans = cur.k();
            }
        }
        Saturation saturation = Saturation.NONE;
        Integer saturationK = null;
        for (Step s : steps) {
            if (s.belowThreshold() == Interval95.Sign.NO) {
                continue;
            }
            if (s.belowThreshold() == Interval95.Sign.YES) {
                saturation = Saturation.SATURATED;
                saturationK = s.toK();
            } else {
                saturation = Saturation.INCONCLUSIVE;
            }
            break;
        }
        Double slope = null;
        if (points.size() >= 2) {
            Point first = points.get(0);
            Point last = points.get(points.size() - 1);
            slope = (last.meanLatencyS() - first.meanLatencyS()) / (last.k() - first.k());
        }
        Interval95 trend = trend(points);
        return new ScalingAnswers(trend, trend.sign(), saturation, saturationK, fromMeans, gainThreshold,
                List.copyOf(steps), slope);
    }

    private static Interval95 trend(List<Point> points) {
        List<double[]> xy = new ArrayList<>();
        for (Point p : points) {
            for (double t : p.runThroughputs()) {
                xy.add(new double[] {p.k(), t});
            }
        }
        double[] x = xy.stream().mapToDouble(v -> v[0]).toArray();
        double[] y = xy.stream().mapToDouble(v -> v[1]).toArray();
        return xy.isEmpty() ? Interval95.unknown(Double.NaN) : Interval95.slope(x, y);
    }

    private static Interval95.Sign flip(Interval95.Sign s) {
        return switch (s) {
            case YES -> Interval95.Sign.NO;
            case NO -> Interval95.Sign.YES;
            case INCONCLUSIVE -> Interval95.Sign.INCONCLUSIVE;
        };
    }
}

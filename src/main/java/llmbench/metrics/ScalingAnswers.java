package llmbench.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan's three questions about batch scaling, answered from per-k averages:
 * <ul>
 *   <li><b>rises</b>: aggregate throughput at the largest k is above that at the smallest k;</li>
 *   <li><b>saturation k</b>: the first k whose aggregate-throughput gain over the previous k,
 *       T(k)/T(k_prev) − 1, is below {@code gainThreshold} (null when every step gains more); a gain over a
 *       k with no throughput is unknown (null, {@link Rates#ratio}) and decides nothing;</li>
 *   <li><b>latency cost</b>: per step, (L(k) − L(k_prev)) / (k − k_prev) seconds of mean per-request
 *       latency per added request, and the same slope from the smallest to the largest k.</li>
 * </ul>
 */
public record ScalingAnswers(
        boolean throughputRises,
        Integer saturationK,
        double gainThreshold,
        List<Step> steps,
        Double latencyCostPerRequestS) {

    public record Point(int k, double throughputTokS, double meanLatencyS) {
    }

    public record Step(int fromK, int toK, Double throughputGain, double latencyCostPerRequestS) {
    }

    /** {@code points} sorted by k, one per k; fewer than two points answer nothing about scaling. */
    public static ScalingAnswers of(List<Point> points, double gainThreshold) {
        List<Step> steps = new ArrayList<>();
        Integer saturation = null;
        for (int i = 1; i < points.size(); i++) {
            Point prev = points.get(i - 1);
            Point cur = points.get(i);
            Double ratio = Rates.ratio(cur.throughputTokS(), prev.throughputTokS());
            Double gain = ratio == null ? null : ratio - 1;
            double cost = (cur.meanLatencyS() - prev.meanLatencyS()) / (cur.k() - prev.k());
            steps.add(new Step(prev.k(), cur.k(), gain, cost));
            if (saturation == null && gain != null && gain < gainThreshold) {
                saturation = cur.k();
            }
        }
        boolean rises = false;
        Double slope = null;
        if (points.size() >= 2) {
            Point first = points.get(0);
            Point last = points.get(points.size() - 1);
            rises = last.throughputTokS() > first.throughputTokS();
            slope = (last.meanLatencyS() - first.meanLatencyS()) / (last.k() - first.k());
        }
        return new ScalingAnswers(rises, saturation, gainThreshold, List.copyOf(steps), slope);
    }
}

package llmbench.lifecycle.harness;

import java.util.List;
import llmbench.metrics.LeastSquares;

/**
 * The harness's memory verdict. Two rules, both must hold:
 * <ol>
 *   <li><b>released</b>: system memory after the server stopped (and {@code settle} seconds passed) minus
 *   system memory before launch ≤ {@code leakThresholdMb} (the seed's rule, there 4 GiB per node);</li>
 *   <li><b>no growth</b>: the least-squares slope of the server's resident memory over the samples taken
 *   while the test commands ran, leaving out the first {@code warmupS} seconds of testing (caches fill
 *   and heaps size themselves there; {@link LeastSquares}), ≤ {@code slopeThresholdMbPerMin}. Fewer than {@code MIN_SAMPLES}
 *   samples after the warm-up: not judged (passes, says so).</li>
 * </ol>
 */
public final class LeakVerdict {
    public static final int MIN_SAMPLES = 5;

    public record Point(double tS, double mb) {
    }

    public record Growth(boolean judged, boolean passed, Double slopeMbPerMin, int samples, String detail) {
    }

    private LeakVerdict() {
    }

    public static boolean released(double baselineMb, double afterStopMb, double leakThresholdMb) {
        return afterStopMb - baselineMb <= leakThresholdMb;
    }

    /** @param points server RSS samples while tests ran, t measured from the start of the first test */
    public static Growth growth(List<Point> points, double warmupS, double slopeThresholdMbPerMin) {
        List<Point> judged = points.stream().filter(p -> p.tS() >= warmupS).toList();
        if (judged.size() < MIN_SAMPLES) {
            return new Growth(false, true, null, judged.size(), judged.size() + " samples after the " + warmupS
                    + " s warm-up (need " + MIN_SAMPLES + "): growth not judged");
        }
        Double perSecond = LeastSquares.slope(judged.stream().mapToDouble(Point::tS).toArray(),
                judged.stream().mapToDouble(Point::mb).toArray());
        if (perSecond == null) {
            return new Growth(false, true, null, judged.size(), judged.size() + " samples all taken at one time: "
                    + "growth not judged");
        }
        double slope = perSecond * 60.0;
        boolean ok = slope <= slopeThresholdMbPerMin;
        return new Growth(true, ok, slope, judged.size(), String.format(java.util.Locale.ROOT,
                "server RSS slope %.2f MB/min over %d samples after %.0f s warm-up (limit %.2f)",
                slope, judged.size(), warmupS, slopeThresholdMbPerMin));
    }
}

package llmbench.lifecycle.harness;

import java.util.List;
import llmbench.metrics.LeastSquares;

/**
 * The harness's memory verdict. Two rules, both must hold:
 * <ol>
 *   <li><b>released</b>: system memory after the server stopped (and {@code settle} seconds passed) minus
 *   system memory before launch ≤ {@code leakThresholdMb} (the seed's rule, there 4 GiB per node);</li>
 *   <li><b>no growth per round</b> ({@link #perRound}): before the tests, the harness sends the same round of
 *   requests several times and reads the server's memory after each (a JVM's live heap after a forced full
 *   GC, else resident memory after an idle settle). A leak keeps what each request leaves, so memory grows by
 *   about the same amount every round; a heap or cache that sizes itself grows in the first round and then
 *   stays. Leak iff every round after the first grew by more than the threshold.</li>
 * </ol>
 * The least-squares slope of resident memory while the tests ran ({@link #growth}) is kept as a secondary
 * figure: a leak-free JVM growing its heap moves it (37.8 MB/min was seen on a leak-free server), so it is
 * judged only when the round check is switched off.
 */
public final class LeakVerdict {
    public static final int MIN_SAMPLES = 5;

    public record Point(double tS, double mb) {
    }

    public record Growth(boolean judged, boolean passed, Double slopeMbPerMin, int samples, String detail) {
    }

    private LeakVerdict() {
    }

    /** Rounds needed to judge: the first may grow once, two more show whether growth repeats. */
    public static final int MIN_ROUNDS = 3;

    /**
     * @param judged   false with fewer than {@link #MIN_ROUNDS} round figures
     * @param leak     every increment after the first round exceeded the threshold
     * @param increments memory after round i minus after round i-1, i = 2..n, MiB
     */
    public record RoundGrowth(boolean judged, boolean leak, List<Double> increments, String detail) {
    }

    /**
     * @param afterRoundMb memory after each round, in order (round 1 first)
     * @param signal       what was measured, for the detail ("live heap after forced GC")
     */
    public static RoundGrowth perRound(List<Double> afterRoundMb, double thresholdMbPerRound, String signal) {
        if (afterRoundMb.size() < MIN_ROUNDS) {
            return new RoundGrowth(false, false, List.of(), afterRoundMb.size() + " rounds measured (need "
                    + MIN_ROUNDS + "): growth per round not judged");
        }
        List<Double> inc = new java.util.ArrayList<>();
        for (int i = 1; i < afterRoundMb.size(); i++) {
            inc.add(afterRoundMb.get(i) - afterRoundMb.get(i - 1));
        }
        boolean leak = inc.stream().allMatch(d -> d > thresholdMbPerRound);
        StringBuilder d = new StringBuilder(signal).append(" after rounds 1..").append(afterRoundMb.size()).append(":");
        afterRoundMb.forEach(v -> d.append(String.format(java.util.Locale.ROOT, " %.1f", v)));
        d.append(" MB; growth per round after the first:");
        inc.forEach(v -> d.append(String.format(java.util.Locale.ROOT, " %+.1f", v)));
        d.append(String.format(java.util.Locale.ROOT, " MB (leak iff every one > %.1f)", thresholdMbPerRound));
        return new RoundGrowth(true, leak, List.copyOf(inc), d.toString());
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

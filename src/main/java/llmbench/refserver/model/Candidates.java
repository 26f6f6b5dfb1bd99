package llmbench.refserver.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The blended next-unit distribution of one step, and the temperature / top-p draw from it. */
final class Candidates {
    private final List<String> units = new ArrayList<>();
    private double[] probs = new double[8];

    void add(String unit, double p) {
        int i = units.indexOf(unit);
        if (i < 0) {
            i = units.size();
            units.add(unit);
            if (i == probs.length) {
                probs = java.util.Arrays.copyOf(probs, i * 2);
            }
        }
        probs[i] += p;
    }

    /**
     * Draws with weights P^(1/t), restricted to the smallest set of most probable units whose
     * probability reaches topP (ties keep first-seen order).
     */
    String sample(double invTemperature, double topP, SplittableRandom random) {
        int n = units.size();
        Integer[] order = new Integer[n];
        double sum = 0;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            w[i] = Math.pow(probs[i], invTemperature);
            sum += w[i];
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(w[b], w[a]));
        int keep = 0;
        double kept = 0;
        while (keep < n && (keep == 0 || kept < topP * sum)) {
            kept += w[order[keep]];
            keep++;
        }
        double r = random.nextDouble() * kept;
        for (int j = 0; j < keep; j++) {
            r -= w[order[j]];
            if (r < 0) {
                return units.get(order[j]);
            }
        }
        return units.get(order[keep - 1]);
    }
}

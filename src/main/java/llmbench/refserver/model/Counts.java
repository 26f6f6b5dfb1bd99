package llmbench.refserver.model;

import java.util.Arrays;

/** Continuation counts after one history, in first-seen order (which keeps sampling reproducible). */
final class Counts {
    private String[] units = new String[2];
    private int[] counts = new int[2];
    private int size;
    private long total;

    /** Adds one occurrence and returns the unit's new count. */
    int add(String unit) {
        total++;
        for (int i = 0; i < size; i++) {
            if (units[i].equals(unit)) {
                return ++counts[i];
            }
        }
        if (size == units.length) {
            units = Arrays.copyOf(units, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        units[size] = unit;
        counts[size] = 1;
        size++;
        return 1;
    }

    int size() {
        return size;
    }

    /** Adds weight·count/total for each unit: this source's share of the blended distribution. */
    void addTo(Candidates c, double weight) {
        if (weight <= 0) {
            return;
        }
        for (int i = 0; i < size; i++) {
            c.add(units[i], weight * counts[i] / total);
        }
    }
}

package llmbench.refserver.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Trigram and bigram continuation counts of a sequence of units, with a running repetition tally. A trigram's
 * history is a pair of the units themselves (not a joined String), so a lookup hashes with the units' cached
 * String hashes instead of building and hashing a new String per token.
 */
final class NgramTable {
    private final Map<History, Counts> trigrams = new HashMap<>();
    private final Map<String, Counts> bigrams = new HashMap<>();
    private long occurrences;
    private long repeats;

    void add(String h2, String h1, String next) {
        Counts tri = trigrams.computeIfAbsent(key(h2, h1), k -> new Counts());
        if (tri.add(next) > 1) {
            repeats++;
        }
        occurrences++;
        bigrams.computeIfAbsent(h1, k -> new Counts()).add(next);
    }

    /** Trigram continuations of (h2, h1), else bigram continuations of h1, else null. */
    Counts lookup(String h2, String h1) {
        Counts tri = trigrams.get(key(h2, h1));
        return tri != null ? tri : bigrams.get(h1);
    }

    /** ρ: share of trigram occurrences that repeat an earlier occurrence (0 for an empty table). */
    double repetitiveness() {
        return occurrences == 0 ? 0.0 : (double) repeats / occurrences;
    }

    private static History key(String h2, String h1) {
        return new History(h2, h1);
    }

    private record History(String h2, String h1) {
    }
}

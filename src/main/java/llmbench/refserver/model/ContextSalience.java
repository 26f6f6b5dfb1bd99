package llmbench.refserver.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The model's attention-like copy mechanism: which words of the prompt are worth repeating, and the
 * sentence a copy takes them from. Salience of the word at prompt position j:
 * <pre>
 *   s(j) = base(w) · (1 + R·q(j)) · inhibition(w)
 *   base = 0 for a lexicon word ({@link Lexicon}) or a line-initial "label:" word,
 *          {@value #PROPER} for a capitalised word inside a sentence (name-like), 1 for another rare word
 *   q(j) = number of distinct rare words of the prompt's last {@value #QUERY_WORDS} words (the latest
 *          turn: the "query") that occur in j's sentence, other than w itself;  R = {@value #RELEVANCE}
 * </pre>
 * A copy draws j with probability ∝ s(j) and yields the units from at most {@value #PHRASE_BEFORE} before j
 * (never crossing a sentence end, newline or label colon) through j; every rare word of that span then has
 * its inhibition multiplied by {@value #INHIBITION}, so what was just repeated is not repeated again at once.
 */
final class ContextSalience {
    static final double PROPER = 8.0;
    static final double RELEVANCE = 1.0;
    static final double INHIBITION = 0.2;
    static final int QUERY_WORDS = 12;
    /** A copy starts at most this many units before the salient word (and never before its sentence). */
    static final int PHRASE_BEFORE = 5;
    private static final int MAX_SPAN = 40;

    private final List<String> units;
    private final Lexicon lexicon;
    private final double[] base;
    private final double[] relevance;
    private final Map<String, Double> inhibition = new HashMap<>();
    private double initialMass;

    ContextSalience(List<String> promptUnits, Lexicon lexicon) {
        this.units = promptUnits;
        this.lexicon = lexicon;
        int n = units.size();
        base = new double[n];
        relevance = new double[n];
        for (int j = 0; j < n; j++) {
            base[j] = baseSalience(j);
        }
        Set<String> query = new HashSet<>();
        for (int j = n - 1, words = 0; j >= 0 && words < QUERY_WORDS; j--) {
            if (isWord(units.get(j))) {
                words++;
                if (base[j] > 0) {
                    query.add(lower(units.get(j)));
                }
            }
        }
        for (int j = 0; j < n; j++) {
            if (base[j] > 0) {
                int q = 0;
                String self = lower(units.get(j));
                for (String w : sentenceWords(j)) {
                    if (!w.equals(self) && query.contains(w)) {
                        q++;
                    }
                }
                relevance[j] = 1 + RELEVANCE * q;
            }
        }
        initialMass = mass();
    }

    /** Salience left after inhibition, as a share of the prompt's initial salience (0 if it had none). */
    double remainingShare() {
        return initialMass == 0 ? 0 : mass() / initialMass;
    }

    /** Total salience left (0 when the prompt has nothing worth copying). */
    double mass() {
        double m = 0;
        for (int j = 0; j < units.size(); j++) {
            m += score(j);
        }
        return m;
    }

    /** Draws a salient position and returns its sentence's units, or an empty list if nothing is salient. */
    List<String> drawSpan(SplittableRandom random) {
        double total = mass();
        if (total <= 0) {
            return List.of();
        }
        double r = random.nextDouble() * total;
        int pick = -1;
        for (int j = 0; j < units.size() && pick < 0; j++) {
            r -= score(j);
            if (r < 0) {
                pick = j;
            }
        }
        if (pick < 0) {
            pick = lastScored();
        }
        int from = Math.max(sentenceStart(pick), pick - PHRASE_BEFORE);
        int to = pick + 1;
        List<String> span = new ArrayList<>(units.subList(from, to));
        for (int j = from; j < to; j++) {
            if (base[j] > 0) {
                inhibition.merge(lower(units.get(j)), INHIBITION, (a, b) -> a * b);
            }
        }
        return span;
    }

    private double score(int j) {
        return base[j] == 0 ? 0 : base[j] * relevance[j] * inhibition.getOrDefault(lower(units.get(j)), 1.0);
    }

    private int lastScored() {
        for (int j = units.size() - 1; j >= 0; j--) {
            if (score(j) > 0) {
                return j;
            }
        }
        throw new IllegalStateException("no salient position");
    }

    private double baseSalience(int j) {
        String u = units.get(j);
        if (!isWord(u) || lexicon.contains(lower(u)) || isLabel(j)) {
            return 0;
        }
        String w = u.strip();
        boolean capitalised = w.length() >= 2 && Character.isUpperCase(w.charAt(0));
        return capitalised && !startsSentence(j) ? PROPER : 1.0;
    }

    /** A line-initial word directly followed by ':' (a "key: value" or "role: text" label). */
    private boolean isLabel(int j) {
        return (j == 0 || units.get(j - 1).equals("\n")) && j + 1 < units.size() && units.get(j + 1).equals(":");
    }

    private boolean startsSentence(int j) {
        int k = j - 1;
        while (k >= 0 && units.get(k).isBlank() && !units.get(k).equals("\n")) {
            k--;
        }
        return k < 0 || isBoundary(units.get(k));
    }

    private int sentenceStart(int j) {
        int k = j;
        while (k > 0 && j - k < MAX_SPAN / 2 && !isBoundary(units.get(k - 1))) {
            k--;
        }
        return k;
    }

    /** Exclusive end: just after the sentence's end mark, or before the newline that ends its line. */
    private int sentenceEnd(int j) {
        int k = j + 1;
        while (k < units.size() && k - j < MAX_SPAN / 2) {
            String u = units.get(k);
            if (u.equals("\n")) {
                return k;
            }
            k++;
            if (isSentenceMark(u)) {
                return k;
            }
        }
        return k;
    }

    private Set<String> sentenceWords(int j) {
        Set<String> out = new HashSet<>();
        for (int k = sentenceStart(j); k < sentenceEnd(j); k++) {
            if (base[k] > 0) {
                out.add(lower(units.get(k)));
            }
        }
        return out;
    }

    static boolean isBoundary(String unit) {
        return unit.equals("\n") || unit.strip().equals(":") || isSentenceMark(unit);
    }

    static boolean isSentenceMark(String unit) {
        String u = unit.strip();
        return u.equals(".") || u.equals("!") || u.equals("?");
    }

    private static boolean isWord(String unit) {
        String w = unit.strip();
        if (w.isEmpty()) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isLetter(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String lower(String unit) {
        return unit.strip().toLowerCase(Locale.ROOT);
    }
}

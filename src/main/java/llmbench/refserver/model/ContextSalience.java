package llmbench.refserver.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The model's attention-like copy mechanism: which words of the prompt are worth repeating, and the
 * phrase a copy takes them from. Salience of the word w at prompt position j:
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
 * Work: one pass over the prompt to build; a draw costs O(distinct rare words + occurrences of the drawn one).
 */
final class ContextSalience {
    static final double PROPER = 8.0;
    static final double RELEVANCE = 1.0;
    static final double INHIBITION = 0.2;
    static final int QUERY_WORDS = 12;
    /** A copy starts at most this many units before the salient word (and never before its sentence). */
    static final int PHRASE_BEFORE = 5;

    /** One rare word: its occurrences, their summed uninhibited salience, and its inhibition. */
    private static final class Word {
        final List<Integer> positions = new ArrayList<>();
        final List<Double> weights = new ArrayList<>();
        double weight;
        double inhibition = 1.0;
    }

    private final List<String> units;
    private final String[] rare;
    /** First-seen order keeps draws reproducible. */
    private final Map<String, Word> words = new LinkedHashMap<>();
    private final double initialMass;
    private double mass;

    ContextSalience(List<String> promptUnits, Lexicon lexicon) {
        this.units = promptUnits;
        int n = units.size();
        rare = new String[n];
        double[] base = new double[n];
        int[] sentence = new int[n];
        int s = 0;
        boolean sentenceStart = true;
        for (int j = 0; j < n; j++) {
            String u = units.get(j);
            sentence[j] = s;
            if (isWord(u)) {
                String lower = u.strip().toLowerCase(Locale.ROOT);
                boolean label = (j == 0 || units.get(j - 1).equals("\n")) && j + 1 < n && units.get(j + 1).equals(":");
                if (!label && !lexicon.contains(lower)) {
                    rare[j] = lower;
                    String w = u.strip();
                    boolean capitalised = w.length() >= 2 && Character.isUpperCase(w.charAt(0));
                    base[j] = capitalised && !sentenceStart ? PROPER : 1.0;
                }
            }
            if (isBoundary(u)) {
                s++;
                sentenceStart = true;
            } else if (!u.isBlank()) {
                sentenceStart = false;
            }
        }
        Set<String> query = new HashSet<>();
        for (int j = n - 1, seen = 0; j >= 0 && seen < QUERY_WORDS; j--) {
            if (isWord(units.get(j))) {
                seen++;
                if (rare[j] != null) {
                    query.add(rare[j]);
                }
            }
        }
        List<Set<String>> sentenceWords = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            while (sentenceWords.size() <= sentence[j]) {
                sentenceWords.add(new HashSet<>());
            }
            if (rare[j] != null) {
                sentenceWords.get(sentence[j]).add(rare[j]);
            }
        }
        double total = 0;
        for (int j = 0; j < n; j++) {
            if (rare[j] != null) {
                int q = 0;
                for (String w : sentenceWords.get(sentence[j])) {
                    if (!w.equals(rare[j]) && query.contains(w)) {
                        q++;
                    }
                }
                double sj = base[j] * (1 + RELEVANCE * q);
                Word word = words.computeIfAbsent(rare[j], k -> new Word());
                word.positions.add(j);
                word.weights.add(sj);
                word.weight += sj;
                total += sj;
            }
        }
        initialMass = total;
        mass = total;
    }

    /** Total salience left (0 when the prompt has nothing worth copying). */
    double mass() {
        return mass;
    }

    /** Salience left after inhibition, as a share of the prompt's initial salience (0 if it had none). */
    double remainingShare() {
        return initialMass == 0 ? 0 : mass / initialMass;
    }

    /** Draws a salient position and returns its phrase's units, or an empty list if nothing is salient. */
    List<String> drawSpan(SplittableRandom random) {
        if (mass <= 0) {
            return List.of();
        }
        double r = random.nextDouble() * mass;
        Word picked = null;
        for (Word w : words.values()) {
            picked = w;
            r -= w.weight * w.inhibition;
            if (r < 0) {
                break;
            }
        }
        double within = random.nextDouble() * picked.weight;
        int pick = picked.positions.get(picked.positions.size() - 1);
        for (int i = 0; i < picked.positions.size(); i++) {
            within -= picked.weights.get(i);
            if (within < 0) {
                pick = picked.positions.get(i);
                break;
            }
        }
        int from = pick;
        while (from > 0 && pick - from < PHRASE_BEFORE && !isBoundary(units.get(from - 1))) {
            from--;
        }
        Set<String> copied = new HashSet<>();
        for (int j = from; j <= pick; j++) {
            if (rare[j] != null && copied.add(rare[j])) {
                Word w = words.get(rare[j]);
                mass -= w.weight * w.inhibition * (1 - INHIBITION);
                w.inhibition *= INHIBITION;
            }
        }
        mass = Math.max(0, mass);
        return new ArrayList<>(units.subList(from, pick + 1));
    }

    static boolean isBoundary(String unit) {
        return unit.equals("\n") || unit.strip().equals(":") || isSentenceMark(unit);
    }

    static boolean isSentenceMark(String unit) {
        String u = unit.strip();
        return u.equals(".") || u.equals("!") || u.equals("?");
    }

    private static boolean isWord(String unit) {
        int i = unit.startsWith(" ") ? 1 : 0;
        if (i == unit.length()) {
            return false;
        }
        for (; i < unit.length(); i++) {
            if (!Character.isLetter(unit.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}

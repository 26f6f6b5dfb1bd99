package llmbench.load;

import java.util.List;

/**
 * Cuts text at word boundaries to an exact token count as a {@link TokenCounter} counts it. The text of
 * length w is the first w words from {@code start} (the word list repeated when it is shorter), joined by
 * single spaces, after a fixed {@code head} (a shared prefix, or nothing).
 *
 * <p>Search: from an estimate at the tokens per word of the previous exact fit (1.3 at first), step w by (target − count) / (tokens per word seen so
 * far), keeping the closest counts below and above the target, until a count is exact. When w words count
 * below and w + 1 above (a word of several tokens straddles the target), the words after it are tried in
 * its place, one more word at a time, skipping any that overshoot, until the count is exact or
 * {@value #FILL_TRIES} words were tried; the closest text is kept (its count is recorded beside the
 * target, so an inexact prompt is visible).
 */
public final class PromptCalibrator {
    static final int FILL_TRIES = 24;
    static final int MAX_STEPS = 40;
    private static final double FIRST_TOKENS_PER_WORD = 1.3;

    private final TokenCounter counter;
    private final List<String> words;
    /** Tokens per word of the last exact fit (its first guess for the next prompt), template included. */
    private double learned = FIRST_TOKENS_PER_WORD;

    public PromptCalibrator(TokenCounter counter, List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no words to cut prompts from");
        }
        this.counter = counter;
        this.words = words;
    }

    /** A text and its count as the counter gave it. */
    public record Fit(String text, int tokens) {
    }

    /** A user message of {@code target} prompt tokens (chat template included): {@code head} then words. */
    public Fit promptOf(String head, int start, int target) {
        return fit(head, start, target, counter::promptTokens);
    }

    /** A text of {@code target} tokens on its own (no template): a shared prefix. */
    public Fit contentOf(int start, int target) {
        return fit("", start, target, counter::contentTokens);
    }

    private interface Count {
        int of(String text);
    }

    private Fit fit(String head, int start, int target, Count count) {
        int w = Math.max(1, (int) Math.round(target / learned));
        int loW = 0;
        int loN = Integer.MIN_VALUE;
        int hiW = Integer.MAX_VALUE;
        int hiN = Integer.MAX_VALUE;
        double perWord = FIRST_TOKENS_PER_WORD;
        Integer prevW = null;
        Integer prevN = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            int n = count.of(text(head, start, w));
            if (n == target) {
                learned = (double) n / w;
                return new Fit(text(head, start, w), n);
            }
            if (n < target && w >= loW) {
                loW = w;
                loN = n;
            } else if (n > target && w <= hiW) {
                hiW = w;
                hiN = n;
            }
            if (hiW - loW <= 1 && loN != Integer.MIN_VALUE) {
                break;
            }
            if (hiW == 1 && n > target) {
                return new Fit(text(head, start, 1), n); // one word is already too long
            }
            if (prevW != null && w != prevW && n != prevN) {
                perWord = Math.max(0.2, (double) (n - prevN) / (w - prevW));
            }
            prevW = w;
            prevN = n;
            int next = w + (int) Math.round((target - n) / perWord);
            if (next == w) {
                next += n < target ? 1 : -1;
            }
            w = Math.max(loW + 1, Math.min(hiW - 1, Math.max(1, next)));
        }
        if (loN == Integer.MIN_VALUE) {
            return new Fit(text(head, start, hiW), hiN);
        }
        return fill(head, start, target, count, loW, loN, hiW, hiN);
    }

    /** Words after the straddling one, appended while they do not overshoot, until the count is exact. */
    private Fit fill(String head, int start, int target, Count count, int loW, int loN, int hiW, int hiN) {
        StringBuilder kept = new StringBuilder(text(head, start, loW));
        int keptN = loN;
        Fit best = target - loN <= hiN - target ? new Fit(kept.toString(), loN) : new Fit(text(head, start, hiW), hiN);
        int next = loW + 1; // skip the word that straddles the target
        for (int tries = 0; tries < FILL_TRIES && keptN < target; tries++, next++) {
            String candidate = kept + " " + word(start + next);
            int n = count.of(candidate);
            if (n == target) {
                return new Fit(candidate, n);
            }
            if (n < target) {
                kept.setLength(0);
                kept.append(candidate);
                keptN = n;
                if (target - n < Math.abs(best.tokens() - target)) {
                    best = new Fit(candidate, n);
                }
            } else if (n - target < Math.abs(best.tokens() - target)) {
                best = new Fit(candidate, n);
            }
        }
        return best;
    }

    private String word(int i) {
        return words.get(Math.floorMod(i, words.size()));
    }

    /** The first {@code w} words from {@code start}, after {@code head}. */
    String text(String head, int start, int w) {
        StringBuilder b = new StringBuilder(head);
        for (int i = 0; i < w; i++) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(word(start + i));
        }
        return b.toString();
    }
}

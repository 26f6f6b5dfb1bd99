package llmbench.refserver.spec;

import java.util.Arrays;

/**
 * Prompt-lookup proposer, seed §4.3. Over a context of token ids (prompt + generated, or generated only):
 * for n from {@code ngramMax} down to {@code ngramMin}, take the last n tokens as the key and look for its
 * most recent earlier occurrence (start positions len−n−1 down to 0); on the first match at i propose
 * {@code context[i+n .. min(i+n+k, len))} — up to k tokens, which may run into the key itself. Nothing if
 * the context is shorter than ngramMin + 1 or no n finds a match.
 */
public final class NgramProposer {
    private static final int[] NONE = new int[0];
    private final int ngramMin;
    private final int ngramMax;

    public NgramProposer(int ngramMin, int ngramMax) {
        if (ngramMin < 1 || ngramMax < ngramMin) {
            throw new IllegalArgumentException("need 1 <= ngram-min <= ngram-max");
        }
        this.ngramMin = ngramMin;
        this.ngramMax = ngramMax;
    }

    /** Up to {@code k} draft tokens for the context {@code ctx[0..len)}. */
    public int[] propose(int[] ctx, int len, int k) {
        if (len < ngramMin + 1 || k < 1) {
            return NONE;
        }
        for (int n = ngramMax; n >= ngramMin; n--) {
            if (len < n + 1) {
                continue;
            }
            int key = len - n;
            for (int i = len - n - 1; i >= 0; i--) {
                if (Arrays.equals(ctx, i, i + n, ctx, key, len)) {
                    int end = Math.min(i + n + k, len);
                    if (end > i + n) {
                        return Arrays.copyOfRange(ctx, i + n, end);
                    }
                }
            }
        }
        return NONE;
    }
}

package llmbench.config;

import java.util.Collection;
import java.util.Optional;
import org.apache.commons.lang3.StringUtils;

/**
 * The known name a mistyped one was probably meant to be: the nearest by edit distance, if it is within
 * max(2, length / 4) edits (a typo, not another word).
 */
public final class NearestName {
    private NearestName() {
    }

    public static Optional<String> of(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(typed, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, typed.length() / 4) ? Optional.of(best) : Optional.empty();
    }

    /** Edit distance (commons-lang3's; its newer home, commons-text, is not among our dependencies). */
    @SuppressWarnings("deprecation")
    static int distance(String a, String b) {
        return StringUtils.getLevenshteinDistance(a, b);
    }
}

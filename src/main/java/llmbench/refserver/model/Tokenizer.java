package llmbench.refserver.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference server's tokenizer: a deterministic, documented stand-in for a BPE vocabulary, so that
 * token counts (and therefore every per-token rate) are reproducible without model files.
 *
 * <p>Rule, applied left to right over the text:
 * <ol>
 *   <li>a run of letters, with at most one leading space, is one token per started 6 letters
 *       ({@code " international"} → {@code " intern" "ationa" "l"});</li>
 *   <li>a run of digits, with at most one leading space, is one token per started 3 digits;</li>
 *   <li>any other non-space character, with at most one leading space, is one token;</li>
 *   <li>remaining whitespace (newlines, repeated spaces) is one token per character: a line break is
 *       the token {@code "\n"}, a blank line two of them, so a stop string {@code "\n"} matches a whole
 *       token.</li>
 * </ol>
 * English prose comes out at about 1.2–1.3 tokens per word, close to common BPE vocabularies.
 * A token's id is a stable hash of its text, so equal texts give equal id sequences in every process.
 */
public final class Tokenizer {
    private static final Pattern PIECE =
            Pattern.compile(" ?\\p{L}{1,6}| ?\\p{Nd}{1,3}| ?[^\\s\\p{L}\\p{Nd}]|\\s");

    /** Splits text into token pieces; concatenating the pieces gives the text back. */
    public List<String> pieces(CharSequence text) {
        List<String> out = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    public int count(CharSequence text) {
        int n = 0;
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    public int[] encode(CharSequence text) {
        List<String> pieces = pieces(text);
        int[] ids = new int[pieces.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(pieces.get(i));
        }
        return ids;
    }

    /** FNV-1a over the piece's UTF-16 units, masked to a non-negative int. */
    public static int id(String piece) {
        int h = 0x811c9dc5;
        for (int i = 0; i < piece.length(); i++) {
            h ^= piece.charAt(i);
            h *= 0x01000193;
        }
        return h & 0x7fffffff;
    }
}

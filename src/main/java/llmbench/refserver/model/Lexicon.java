package llmbench.refserver.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Words the model "knows" as ordinary English: every word of the built-in corpus plus the common-word
 * list {@value #RESOURCE}. Words outside it are rare, hence salient ({@link ContextSalience}).
 */
final class Lexicon {
    static final String RESOURCE = "refserver/lexicon.txt";
    private final Set<String> words = new HashSet<>();

    Lexicon(String corpusText, String wordList) {
        addWords(corpusText);
        for (String line : wordList.split("\n")) {
            if (!line.startsWith("#")) {
                addWords(line);
            }
        }
    }

    static String builtInWordList() {
        try (InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    boolean contains(String lowerCaseWord) {
        return words.contains(lowerCaseWord);
    }

    private void addWords(String text) {
        for (String w : text.split("[^\\p{L}]+")) {
            if (!w.isEmpty()) {
                words.add(w.toLowerCase(Locale.ROOT));
            }
        }
    }
}

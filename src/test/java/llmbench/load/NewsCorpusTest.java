package llmbench.load;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;

import llmbench.refserver.model.Tokenizer;
import org.junit.jupiter.api.Test;

/** Pins the shape and size of the news-passage corpus under {@code simulations-data/news}. */
class NewsCorpusTest {

    private static final Path NEWS_DIR = Paths.get("simulations-data", "news");
    private static final String FIRST_LINE_PREFIX = "The following is a detailed news article about";
    private static final String TASK_LINE_PREFIX = "Based on the article above, ";

    /** Reads every {@code *.txt} file in the news directory, sorted by file name. */
    private static SortedMap<String, String> passages() throws IOException {
        assertTrue(Files.isDirectory(NEWS_DIR), "missing directory " + NEWS_DIR.toAbsolutePath());
        SortedMap<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(NEWS_DIR)) {
            List<Path> txt = files
                    .filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .filter(Files::isRegularFile)
                    .toList();
            for (Path p : txt) {
                out.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\\R", -1));
    }

    private static String firstLine(String text) {
        return lines(text).get(0);
    }

    private static String lastNonEmptyLine(String text) {
        List<String> lines = lines(text);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i);
            }
        }
        return "";
    }

    @Test
    void corpusHasAtLeastSixteenNewsPassages() throws IOException {
        int n = passages().size();
        assertTrue(n >= 16, "expected at least 16 news passages, found " + n);
    }

    @Test
    void everyNewsPassageStartsWithTheArticleIntroduction() throws IOException {
        for (Map.Entry<String, String> e : passages().entrySet()) {
            String first = firstLine(e.getValue());
            assertTrue(first.startsWith(FIRST_LINE_PREFIX),
                    e.getKey() + ": first line does not start with '" + FIRST_LINE_PREFIX + "': " + first);
        }
    }

    @Test
    void everyNewsPassageEndsWithATaskAboutTheArticle() throws IOException {
        for (Map.Entry<String, String> e : passages().entrySet()) {
            String last = lastNonEmptyLine(e.getValue());
            assertTrue(last.startsWith(TASK_LINE_PREFIX),
                    e.getKey() + ": last non-empty line does not start with '" + TASK_LINE_PREFIX + "': " + last);
        }
    }

    @Test
    void everyNewsPassageIsBetween500And1000Tokens() throws IOException {
        Tokenizer tokenizer = new Tokenizer();
        for (Map.Entry<String, String> e : passages().entrySet()) {
            int tokens = tokenizer.count(e.getValue());
            assertTrue(tokens >= 500 && tokens <= 1000,
                    e.getKey() + " has " + tokens + " tokens, expected between 500 and 1000");
        }
    }

    @Test
    void everyNewsPassageIntroducesADistinctTopic() throws IOException {
        Map<String, String> fileByFirstLine = new HashMap<>();
        for (Map.Entry<String, String> e : passages().entrySet()) {
            String first = firstLine(e.getValue());
            String previous = fileByFirstLine.putIfAbsent(first, e.getKey());
            assertNull(previous,
                    e.getKey() + " repeats the first line of " + previous + ": " + first);
        }
    }
}

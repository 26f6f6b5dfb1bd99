package llmbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calibration against a counting function of our own: a template of 7 tokens, a word = one token per 4 letters. */
class PromptCalibratorTest {
    static final int TEMPLATE = 7;

    /** Counts like a simple BPE: each space-separated word is ceil(length / 4) tokens; calls are counted. */
    static final class FakeCounter implements TokenCounter {
        int calls;

        @Override
        public int promptTokens(String userMessage) {
            return contentTokens(userMessage) + TEMPLATE;
        }

        @Override
        public int contentTokens(String text) {
            calls++;
            return Arrays.stream(text.split(" ")).filter(w -> !w.isEmpty()).mapToInt(w -> (w.length() + 3) / 4).sum();
        }

        @Override
        public String method() {
            return "fake";
        }
    }

    static List<String> news() {
        return new ArrayList<>(llmbench.load.PromptCorpus.fromFolder(java.nio.file.Path.of("simulations-data/news")).words());
    }

    @Test
    void everyTargetFromTenToThreeThousandComesOutExact() {
        FakeCounter counter = new FakeCounter();
        PromptCalibrator c = new PromptCalibrator(counter, news());
        for (int target = 10; target <= 3000; target += 37) {
            PromptCalibrator.Fit fit = c.promptOf("", target * 3, target);
            assertEquals(target, fit.tokens(), "target " + target);
            assertEquals(target, counter.promptTokens(fit.text()), "the text itself counts as the fit says");
        }
    }

    @Test
    void calibrationNeedsAHandfulOfCounts() {
        FakeCounter counter = new FakeCounter();
        PromptCalibrator c = new PromptCalibrator(counter, news());
        c.promptOf("", 0, 2048);
        assertTrue(counter.calls <= 12, counter.calls + " counts for one prompt");
    }

    @Test
    void aWordStraddlingTheTargetIsReplacedByLaterShorterWords() {
        // words of 8 letters are 2 tokens: 7 + 2w is odd, so 20 tokens needs the 3-letter word after them
        List<String> words = List.of("abcdefgh", "abcdefgh", "abcdefgh", "abcdefgh", "abcdefgh", "abcdefgh", "abcdefgh", "xyz");
        PromptCalibrator.Fit fit = new PromptCalibrator(new FakeCounter(), words).promptOf("", 0, 20);
        assertEquals(20, fit.tokens());
        assertEquals("abcdefgh abcdefgh abcdefgh abcdefgh abcdefgh abcdefgh xyz", fit.text());
    }

    @Test
    void anUnreachableCountGivesTheClosestText() {
        List<String> words = List.of("abcdefgh"); // every word 2 tokens, so an even total is unreachable
        PromptCalibrator.Fit fit = new PromptCalibrator(new FakeCounter(), words).promptOf("", 0, 20);
        assertEquals(1, Math.abs(fit.tokens() - 20), fit.toString());
    }

    @Test
    void theWordListRepeatsForPromptsLongerThanIt() {
        List<String> words = List.of("one", "two", "three");
        PromptCalibrator.Fit fit = new PromptCalibrator(new FakeCounter(), words).promptOf("", 1, TEMPLATE + 7);
        assertEquals("two three one two three", fit.text()); // 1 + 2 + 1 + 1 + 2 ("three" is 2 tokens)
    }

    @Test
    void aHeadIsCountedInsideTheTarget() {
        PromptCalibrator c = new PromptCalibrator(new FakeCounter(), news());
        PromptCalibrator.Fit fit = c.promptOf("salt-1234\n", 5, 300);
        assertTrue(fit.text().startsWith("salt-1234\n "), fit.text());
        assertEquals(300, fit.tokens());
    }
}

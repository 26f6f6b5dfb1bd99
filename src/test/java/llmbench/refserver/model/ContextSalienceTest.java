package llmbench.refserver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContextSalienceTest {
    private final Lexicon lexicon = new Lexicon("the cat sat on a mat", "# common\nhi my is what please remember");

    private ContextSalience of(String prompt) {
        return new ContextSalience(NgramTextModel.units(prompt), lexicon);
    }

    @Test
    void aPromptOfKnownWordsAndLabelsHasNothingToCopy() {
        ContextSalience s = of("user: What is the cat?\nassistant:");
        assertEquals(0.0, s.mass());
        assertEquals(List.of(), s.drawSpan(new SplittableRandom(1)));
    }

    /**
     * Hand count for "user: Hi! My name is Alice. Please remember my name, Alice.\nassistant:": rare words
     * name, Alice, name, Alice ("user"/"assistant" are labels). Query (last 12 words) contains both; each
     * occurrence's sentence holds the other → relevance 2. Salience: name 1·2, Alice 8·2, twice → 36.
     */
    @Test
    void aCapitalisedRareWordInsideASentenceIsTheMostSalient() {
        ContextSalience s = of("user: Hi! My name is Alice. Please remember my name, Alice.\nassistant:");
        assertEquals(36.0, s.mass(), 1e-9);
        SplittableRandom r = new SplittableRandom(7);
        int withName = 0;
        for (int i = 0; i < 1000; i++) {
            List<String> span = of("user: Hi! My name is Alice. Please remember my name, Alice.\nassistant:").drawSpan(r);
            assertFalse(span.contains("user") || span.contains(":"), span.toString());
            if (span.get(span.size() - 1).equals(" Alice")) {
                withName++;
            }
        }
        assertTrue(Math.abs(withName - 1000 * 32.0 / 36) < 50, withName + " of 1000, expected about 889");
    }

    @Test
    void aCopyEndsAtItsWordStartsAtMostFiveUnitsBeforeAndInhibitsWhatItRepeated() {
        ContextSalience s = of("Alice.");   // sentence-initial: salience 1, relevance 1
        assertEquals(List.of("Alice"), s.drawSpan(new SplittableRandom(1)));
        assertEquals(ContextSalience.INHIBITION, s.mass(), 1e-9);
        int kenji = 0;
        for (int seed = 0; seed < 20; seed++) {
            List<String> span = of("zz one two three four five Kenji.").drawSpan(new SplittableRandom(seed));
            if (span.get(span.size() - 1).equals(" Kenji")) {
                kenji++;
                assertEquals(List.of(" one", " two", " three", " four", " five", " Kenji"), span);
            }
        }
        assertTrue(kenji > 0);
    }
}

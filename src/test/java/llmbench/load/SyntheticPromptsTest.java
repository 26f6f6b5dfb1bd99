package llmbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticPromptsTest {
    private final PromptCalibratorTest.FakeCounter counter = new PromptCalibratorTest.FakeCounter();

    private String text(SyntheticPrompts p, int i) {
        return p.forRequest(i).get(0).content();
    }

    @Test
    void eachPromptHasItsTargetAndNoTwoStartAlike() {
        int[] targets = {100, 250, 1000, 333};
        SyntheticPrompts p = SyntheticPrompts.calibrate(counter, PromptCalibratorTest.news(), targets, null, 1, null);
        Set<String> firstWords = new HashSet<>();
        for (int i = 0; i < targets.length; i++) {
            assertEquals(targets[i], counter.promptTokens(text(p, i)), "prompt " + i);
            assertEquals(targets[i], p.targetTokens(i));
            assertEquals(targets[i], p.countedTokens(i));
            firstWords.add(text(p, i).substring(0, 40));
        }
        assertEquals(4, firstWords.size());
        assertEquals(text(p, 1), text(p, 5), "request i uses prompt i mod n");
        assertTrue(p.describe().endsWith("4 exact, largest miss 0 tokens"), p.describe());
    }

    @Test
    void promptsOfAGroupShareAPrefixOfExactlyPTokensAndDifferAfterIt() {
        int[] targets = {400, 400, 400, 400, 400, 400};
        SyntheticPrompts p = SyntheticPrompts.calibrate(counter, PromptCalibratorTest.news(), targets, 128, 2, null);
        for (int i = 0; i < targets.length; i++) {
            assertEquals(400, counter.promptTokens(text(p, i)));
        }
        String prefix0 = commonPrefix(text(p, 0), text(p, 2));
        assertEquals(prefix0, commonPrefix(text(p, 0), text(p, 4)));
        // the shared part is the calibrated prefix and one space: 128 tokens of text on its own
        assertEquals(128, counter.contentTokens(prefix0.strip()));
        assertNotEquals(text(p, 0).substring(0, 30), text(p, 1).substring(0, 30), "groups 0 and 1 differ from the start");
    }

    @Test
    void aSaltIsPutFirstAndCounted() {
        SyntheticPrompts p = SyntheticPrompts.calibrate(counter, PromptCalibratorTest.news(), new int[] {200, 200},
                null, 1, i -> "salt-" + i + "\n");
        assertTrue(text(p, 1).startsWith("salt-1\n"));
        assertEquals(200, counter.promptTokens(text(p, 1)));
    }

    @Test
    void saltLinesPerRequestAreCountedInsideEachTarget() {
        int[] targets = {300, 500};
        SyntheticPrompts p = SyntheticPrompts.calibrate(counter, PromptCalibratorTest.news(), targets, null, 1, null)
                .withHeads(5, i -> "Session 1a2b-k5r1i" + i + ".\n");
        assertEquals(5, p.size());
        for (int i = 0; i < 5; i++) {
            assertTrue(text(p, i).startsWith("Session 1a2b-k5r1i" + i + ".\n "), text(p, i));
            assertEquals(targets[i % 2], p.targetTokens(i));
            assertEquals(targets[i % 2], counter.promptTokens(text(p, i)), "prompt " + i);
        }
    }

    private static String commonPrefix(String a, String b) {
        int n = 0;
        while (n < Math.min(a.length(), b.length()) && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        String common = a.substring(0, n);
        return common.substring(0, common.lastIndexOf(' ') + 1); // up to the last whole word
    }
}

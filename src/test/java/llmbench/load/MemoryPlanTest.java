package llmbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import llmbench.refserver.model.Tokenizer;
import org.junit.jupiter.api.Test;

/** The prompt-size sweep's texts: their size, their salt and their task line. */
class MemoryPlanTest {
    private static final PromptCorpus NEWS = PromptCorpus.fromFolder(Path.of("simulations-data/news"));

    @Test
    void aSizedPromptIsAboutFourCharactersPerTargetTokenAndEndsWithTheTask() {
        // 16384 tokens is ~65k characters, more than the ~45k of the corpus: the passages repeat.
        for (int n : List.of(512, 2048, 8192, 16384)) {
            String text = MemoryPlan.sizedPrompt(NEWS, n, "Session s1, case prompt_" + n + ".");
            assertTrue(text.startsWith("Session s1, case prompt_" + n + ".\n\n"), text.substring(0, 40));
            assertTrue(text.endsWith("\n\n" + MemoryPlan.TASK));
            assertTrue(text.length() <= 4 * n && text.length() > 4 * n - 40, n + ": " + text.length());
            // The reference server's tokenizer (about 4.3 characters per token on these passages).
            int counted = new Tokenizer().count(text);
            assertTrue(Math.abs(counted - n) < 0.15 * n, n + " → " + counted);
        }
    }

    @Test
    void everyCaseHasItsOwnSaltLineAndRecordsItsTarget() {
        List<CaseSequence.Case> cases = MemoryPlan.promptSizeCases("m", NEWS, List.of(512, 2048), "abc", 16, 0.0,
                Duration.ZERO);
        assertEquals(List.of("prompt_512", "prompt_2048"), cases.stream().map(CaseSequence.Case::name).toList());
        assertEquals(512, cases.get(0).fields().get("target_prompt_tokens"));
        assertTrue(cases.get(0).body().contains("Session abc, case prompt_512."));
        assertTrue(cases.get(1).body().contains("Session abc, case prompt_2048."));
        assertNotEquals(cases.get(0).body().substring(0, 120), cases.get(1).body().substring(0, 120));
    }
}

package llmbench.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which prompt tokens a request prefills: the server's cached count wins over the repeat guess. */
class PrefillTokensTest {
    private static Parameters reuse(boolean on) {
        return new Parameters(0, 0.008, 0.0032, 0.0001, 512, on, 0, 0);
    }

    /** The reference server counts cached blocks as prefilled at admission (Sequence.attach). */
    @Test
    void tokensTheServerReportedCachedAreNotPrefilled() {
        assertEquals(706, reuse(false).prefillTokens(722, 16, false));
        assertEquals(706, reuse(true).prefillTokens(722, 16, true), "a reported count is exact, repeat or not");
        assertEquals(722, reuse(true).prefillTokens(722, 0, true));
    }

    @Test
    void withoutACountARepeatIsFullyCachedOnlyWhenTheFitFoundReuse() {
        assertEquals(1, reuse(true).prefillTokens(700, null, true));
        assertEquals(700, reuse(false).prefillTokens(700, null, true));
        assertEquals(700, reuse(true).prefillTokens(700, null, false));
    }

    /** The last prompt token's logits are always computed. */
    @Test
    void aFullyCachedPromptStillPrefillsOneToken() {
        assertEquals(1, reuse(false).prefillTokens(16, 16, false));
    }
}

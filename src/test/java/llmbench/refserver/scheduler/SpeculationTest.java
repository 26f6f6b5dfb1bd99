package llmbench.refserver.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import llmbench.refserver.profile.SpecCosts;
import llmbench.refserver.spec.SpecController;
import org.junit.jupiter.api.Test;

class SpeculationTest {
    private static final TokenSink NO_SINK = NoSink.INSTANCE;

    private static Sequence withHistory(int tokens) {
        return new Sequence(tokens, 100, () -> " word", List.of(), NO_SINK, new String[0], new int[tokens]);
    }

    // draft_token_ms 2, mtp_token_ms 1, draft prefill 0.01 ms/token, draft context 128
    private final Speculation speculation = new Speculation(
            new SpecController("draft", 5, 0.3, true, true, 8), null, true,
            new SpecCosts(0.1, 2.0, 0.6, 1.0, 0.7), 128, 0.01);

    @Test
    void draftPassesAddThePrefillOfEachSequencesLastDraftContextTokens() {
        // 3·2 ms + 0.01 · (min(50, 128) + min(400, 128)) = 6 + 1.78
        assertEquals(7.78, speculation.draftMillis("draft", 3, List.of(withHistory(50), withHistory(400))), 1e-9);
    }

    @Test
    void mtpAndNgramHaveNoDraftPrefill() {
        assertEquals(3.0, speculation.draftMillis("mtp", 3, List.of(withHistory(400))), 1e-9);
        assertEquals(0.0, speculation.draftMillis("ngram", 3, List.of(withHistory(400))), 1e-9);
    }
}

package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase 3's answers when the plan holds speculation on (ngram4_k5) and measures the dynamic controller apart
 * (ngram4_k5_dynamic), and for a server whose counts come from each reply (llama-server: rows' spec_delta).
 */
class NgramAnswersTest {

    private static String counters(int proposed, int accepted) {
        return "{\"total_proposed\": " + proposed + ", \"total_accepted\": " + accepted
                + ", \"total_bonus_tokens\": 0, \"total_steps\": 10}";
    }

    private static String row(String category, double genTokS, String after) {
        return "{\"category\": \"" + category + "\", \"generation_tok_s\": " + genTokS + ", \"error\": null, "
                + "\"spec_metrics_after\": " + after + "}";
    }

    private static void file(Path dir, String label, String stamp, String enabled, String before, String... rows)
            throws Exception {
        Files.writeString(dir.resolve("bench_ngram_" + label + "_" + stamp + ".json"),
                "{\"benchmark\": \"bench_ngram\", \"label\": \"" + label + "\", \"timestamp\": \"" + stamp + "\", "
                        + "\"spec_decode_enabled\": " + enabled + ", \"spec_metrics_before\": " + before
                        + ", \"results\": [" + String.join(", ", rows) + "]}");
    }

    private static Answer answer(Path dir, String topic) {
        return NgramAnswers.of(new Select(ResultsReader.read(dir).files())).stream()
                .filter(a -> a.topic().equals(topic)).findFirst().orElseThrow();
    }

    @Test
    void theDynamicRunIsReportedApartAndNeverTakenForTheHeldOnConfiguration(@TempDir Path dir) throws Exception {
        file(dir, "baseline", "20261130_010000", "false", "null", row("coding", 20.0, "null"), row("math", 20.0, "null"));
        // held on: coding 60/100 at 30 tok/s, math 20/100 at 24 tok/s
        file(dir, "ngram4_k5", "20261130_020000", "true", counters(0, 0),
                row("coding", 30.0, counters(100, 60)), row("math", 24.0, counters(200, 80)));
        // dynamic, faster overall (so it would win "fastest" if not kept apart): coding 50/100, then nothing drafted
        file(dir, "ngram4_k5_dynamic", "20261130_030000", "true", counters(0, 0),
                row("coding", 40.0, counters(100, 50)), row("math", 36.0, counters(100, 50)));

        Answer speedup = answer(dir, "N-gram speedup");
        // mean(30, 24) = 27.00 vs mean(20, 20) = 20.00 → 1.35×
        assertTrue(speedup.text().contains("27.00 tok/s with ngram4_k5 vs 20.00 tok/s baseline, a speedup of 1.35×"),
                speedup.text());
        Answer acceptance = answer(dir, "N-gram acceptance");
        assertTrue(acceptance.text().contains("coding 60.0 %, math 20.0 %"), acceptance.text());

        Answer sweep = answer(dir, "N-gram parameters");
        assertFalse(sweep.answered(), "one combination, not a sweep: " + sweep.text());

        Answer dyn = answer(dir, "Dynamic speculation controller");
        assertTrue(dyn.answered(), dyn.text());
        assertEquals("In the run's category order (ngram4_k5_dynamic): coding 50.0 %, math no drafts. Speculation "
                + "stopped from math on: 1 of 2 categories got no drafts. Mean generation rate 38.00 tok/s vs 27.00 tok/s "
                + "with speculation held on (ngram4_k5).", dyn.text());
    }

    @Test
    void withoutADynamicRunTheQuestionNamesTheMissingPhase(@TempDir Path dir) throws Exception {
        file(dir, "ngram4_k5", "20261130_020000", "true", counters(0, 0), row("coding", 30.0, counters(100, 60)));
        Answer dyn = answer(dir, "Dynamic speculation controller");
        assertFalse(dyn.answered());
        assertTrue(dyn.text().contains("phase 3d"), dyn.text());
    }

    @Test
    void llamaServerRowsCarryTheirOwnDraftCounts(@TempDir Path dir) throws Exception {
        // no counters endpoint: spec_decode_enabled null, spec_metrics null; each row's spec_delta from timings.draft_n
        Files.writeString(dir.resolve("bench_ngram_ngram4_k5_20261130_020000.json"),
                "{\"benchmark\": \"bench_ngram\", \"label\": \"ngram4_k5\", \"timestamp\": \"20261130_020000\", "
                        + "\"spec_decode_enabled\": null, \"spec_metrics_before\": null, \"results\": ["
                        + "{\"category\": \"coding\", \"generation_tok_s\": 30.0, \"error\": null, \"spec_metrics_after\": null, "
                        + "\"spec_delta\": {\"proposed\": 40.0, \"accepted\": 30.0, \"bonus_tokens\": null, \"steps\": null}}]}");
        Answer acceptance = answer(dir, "N-gram acceptance");
        assertTrue(acceptance.answered(), acceptance.text());
        assertTrue(acceptance.text().contains("coding 75.0 %"), acceptance.text()); // 30 / 40
    }
}

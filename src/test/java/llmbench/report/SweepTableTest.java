package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import llmbench.config.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep table on hand-made bench_ngram files; every expected number is worked out in the comments. */
class SweepTableTest {

    private static String counters(int proposed, int accepted, int bonus, int steps) {
        return "{\"total_proposed\": " + proposed + ", \"total_accepted\": " + accepted + ", \"total_bonus_tokens\": "
                + bonus + ", \"total_steps\": " + steps + "}";
    }

    private static String row(String category, double genTokS, String error, String after) {
        return "{\"category\": \"" + category + "\", \"generation_tok_s\": " + genTokS + ", \"error\": "
                + (error == null ? "null" : "\"" + error + "\"") + ", \"spec_metrics_after\": " + after + "}";
    }

    private static void file(Path dir, String label, String stamp, String before, String... rows) throws Exception {
        Files.writeString(dir.resolve("bench_ngram_" + label + "_" + stamp + ".json"),
                "{\"benchmark\": \"bench_ngram\", \"label\": \"" + label + "\", \"timestamp\": \"" + stamp + "\", "
                        + "\"spec_decode_enabled\": true, \"spec_metrics_before\": " + before + ", \"results\": ["
                        + String.join(", ", rows) + "]}");
    }

    private static void sweep(Path dir) throws Exception {
        // ngram3_k5: deltas coding (100, 60, 2, 20), coding (100, 50, 1, 20), prose (100, 10, 0, 20)
        // → Σ 300 proposed, 120 accepted, 3 bonus, 60 steps: acceptance 40.0 %, tokens/step (120+3+60)/60 = 3.05;
        // rate mean(50, 70, 30) = 50.00; coding mean(50, 70) = 60.00 at 110/200 = 55.0 %, prose 30.00 at 10.0 %.
        file(dir, "ngram3_k5", "20261129_010000", counters(100, 40, 2, 30),
                row("coding", 50.0, null, counters(200, 100, 4, 50)),
                row("coding", 70.0, null, counters(300, 150, 5, 70)),
                row("prose", 30.0, null, counters(400, 160, 5, 90)));
        // ngram4_k5_t0.3: coding (100, 80, 10, 20) 55.00 at 80.0 %, prose (100, 20, 0, 20) 65.00 at 20.0 %
        // → Σ 200, 100, 10, 40: 50.0 %, (100+10+40)/40 = 3.75; rate mean(55, 65) = 60.00.
        file(dir, "ngram4_k5_t0.3", "20261129_020000", counters(0, 0, 0, 0),
                row("coding", 55.0, null, counters(100, 80, 10, 20)),
                row("prose", 65.0, null, counters(200, 100, 10, 40)));
        // An older file of the same label: not the latest, so not read.
        file(dir, "ngram4_k5_t0.3", "20261128_020000", counters(0, 0, 0, 0),
                row("coding", 999.0, null, counters(100, 100, 0, 20)));
        // ngram2_k3: no counters (the server reports none) and its only request failed → all n/a.
        file(dir, "ngram2_k3", "20261129_030000", "null", row("coding", 0.0, "timeout", "null"));
        // Not a sweep label.
        file(dir, "baseline", "20261129_000000", "null", row("coding", 40.0, null, "null"));
    }

    @Test
    void rowsBestPerCategoryAndOverallFromTheLatestFilePerLabel(@TempDir Path dir) throws Exception {
        sweep(dir);
        String md = SweepTable.run(new String[] {"--results-dir", dir.toString(), "--labels",
                "ngram3_k5,ngram4_k5_t0.3,ngram6_k10,ngram2_k3", "--out", dir.resolve("sweep.md").toString()});
        List<String> lines = md.lines().toList();
        assertEquals(List.of(
                "| ngram2_k3 | 2 | 3 | server default | n/a | n/a | n/a | bench_ngram_ngram2_k3_20261129_030000.json |",
                "| ngram3_k5 | 3 | 5 | server default | 40.0 | 3.05 | 50.00 | bench_ngram_ngram3_k5_20261129_010000.json |",
                "| ngram4_k5_t0.3 | 4 | 5 | 0.3 | 50.0 | 3.75 | 60.00 | bench_ngram_ngram4_k5_t0.3_20261129_020000.json |",
                "| ngram6_k10 | 6 | 10 | server default | n/a | n/a | n/a | n/a (no file) |"),
                lines.stream().filter(l -> l.startsWith("| ngram")).toList());
        assertTrue(lines.contains("| coding | ngram3_k5 | 60.00 | 55.0 |"), md);
        assertTrue(lines.contains("| prose | ngram4_k5_t0.3 | 65.00 | 20.0 |"), md);
        assertTrue(md.contains("**Best overall:** ngram4_k5_t0.3 (ngram-max 4, K 5, threshold 0.3): 60.00 tok/s mean "
                + "generation rate, acceptance 50.0 %."), md);
        assertEquals(md, Files.readString(dir.resolve("sweep.md")));
    }

    @Test
    void withoutLabelsEverySweepLabelledConfigurationIsARow(@TempDir Path dir) throws Exception {
        sweep(dir);
        String md = SweepTable.run(new String[] {"--results-dir", dir.toString()});
        assertEquals(List.of("ngram2_k3", "ngram3_k5", "ngram4_k5_t0.3"),
                md.lines().filter(l -> l.startsWith("| ngram")).map(l -> l.split(" \\| ")[0].substring(2)).toList());
    }

    @Test
    void noRateAnywhereMeansNoBestAndBadArgumentsAreRefused(@TempDir Path dir) throws Exception {
        file(dir, "ngram2_k3", "20261129_030000", "null", row("coding", 0.0, "timeout", "null"));
        String md = SweepTable.run(new String[] {"--results-dir", dir.toString()});
        assertTrue(md.contains("**Best overall:** n/a (no combination has generation rates)."), md);
        assertTrue(md.contains("| coding | n/a | n/a | n/a |"), md);
        assertThrows(BadInputException.class, () -> SweepTable.run(new String[] {"--results-dir"}));
        assertThrows(BadInputException.class, () -> SweepTable.run(new String[] {"--labels", "ngram2_k3"}));
        assertThrows(BadInputException.class,
                () -> SweepTable.run(new String[] {"--results-dir", dir.toString(), "--labels", "baseline"}));
    }
}

package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PhasesTest {

    @Test
    void labelDecidesBeforeTheFileName() {
        assertEquals("fp8", Phases.detect("kv_fp8", "bench_memory_baseline_20260214_120000"));
    }

    @Test
    void fileNameDecidesWhenTheLabelHasNoKeyword() {
        assertEquals("ssd", Phases.detect("current", "bench_cache_ssd_20260214T160000"));
        assertEquals("ssd", Phases.detect(null, "bench_cache_ssd_20260214T160000"));
    }

    @Test
    void keywordsMatchAsSubstringsInTheSeedsOrder() {
        assertEquals("ngram", Phases.detect("ngram4_k5", "x"));
        assertEquals("all_features", Phases.detect("all", "x"));
        assertEquals("all_features", Phases.detect("all_features", "x"));
        // "baseline" is tried first, so a label naming two phases is baseline
        assertEquals("baseline", Phases.detect("fp8_vs_baseline", "x"));
    }

    @Test
    void noKeywordAnywhereIsBaseline() {
        assertEquals("baseline", Phases.detect("current", "bench_single_20260214T120000"));
    }

    @Test
    void labelComesFromTheFileNameWhenTheFileHasNone() {
        assertEquals("fp8", ResultsReader.labelFromName("bench_single_fp8_20260214T131500"));
        assertEquals("ngram4_k5", ResultsReader.labelFromName("bench_ngram_ngram4_k5_20260214_142000_partial"));
        assertEquals(null, ResultsReader.labelFromName("bench_single_20260214T120000"));
    }
}

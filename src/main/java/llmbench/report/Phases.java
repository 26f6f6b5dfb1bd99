package llmbench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's extract_results.py phase detection (seed spec §5.7): the lowercased {@code label} field, then the
 * file-name stem, matched by substring against keywords in a fixed order; the first hit wins, default baseline.
 */
public final class Phases {
    public static final String BASELINE = "baseline";
    public static final List<String> ORDER = List.of("baseline", "fp8", "ngram", "ssd", "all_features");

    private static final List<Map.Entry<String, String>> KEYWORDS = List.of(
            Map.entry("baseline", "baseline"),
            Map.entry("fp8", "fp8"),
            Map.entry("kv_fp8", "fp8"),
            Map.entry("ngram", "ngram"),
            Map.entry("ngram4", "ngram"),
            Map.entry("ssd", "ssd"),
            Map.entry("all_features", "all_features"),
            Map.entry("all", "all_features"));

    private static final Map<String, String> DISPLAY = Map.of(
            "baseline", "Phase 1: Baseline",
            "fp8", "Phase 2: KV FP8",
            "ngram", "Phase 3: N-gram Spec",
            "ssd", "Phase 4: SSD Cache",
            "all_features", "Phase 5: All Features");

    private Phases() {
    }

    /** {@code label} may be null; {@code stem} is the file name without {@code .json}. */
    public static String detect(String label, String stem) {
        for (String source : new String[] {label, stem}) {
            if (source == null) {
                continue;
            }
            String s = source.toLowerCase(Locale.ROOT);
            for (Map.Entry<String, String> k : KEYWORDS) {
                if (s.contains(k.getKey())) {
                    return k.getValue();
                }
            }
        }
        return BASELINE;
    }

    public static String display(String phase) {
        return DISPLAY.getOrDefault(phase, phase);
    }
}

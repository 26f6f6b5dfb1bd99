package llmbench.report;

import static llmbench.report.Fmt.fixed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmbench.metrics.Rates;

/**
 * Memory of one bench_memory label against baseline: the mean over the cases both files have of the KV bytes
 * each case added (our reference server's figure), else — for the seed's files, which record block-pool figures
 * only — the mean used blocks after each case, which also counts blocks earlier tests left cached.
 * Reduction = (baseline − label) / baseline.
 */
record MemoryComparison(String measure, String unit, double baseline, double label, int cases, String caveat) {

    static MemoryComparison of(ResultFile base, ResultFile other) {
        MemoryComparison bytes = compare(base, other, "KV bytes added per case", "bytes", Measures.MemoryCase::kvBytesAdded, "");
        if (bytes != null) {
            return bytes;
        }
        return compare(base, other, "used KV blocks after each case", "blocks", Measures.MemoryCase::usedBlocks,
                " (block-pool figures, not bytes, and they include blocks earlier tests of the phase left cached)");
    }

    private static MemoryComparison compare(ResultFile base, ResultFile other, String measure, String unit,
                                            java.util.function.Function<Measures.MemoryCase, Double> value, String caveat) {
        Map<String, Double> b = byCase(base, value);
        Map<String, Double> o = byCase(other, value);
        List<Double> bs = new ArrayList<>();
        List<Double> os = new ArrayList<>();
        b.forEach((name, v) -> {
            if (o.containsKey(name)) {
                bs.add(v);
                os.add(o.get(name));
            }
        });
        Double bm = Measures.mean(bs);
        Double om = Measures.mean(os);
        return bm == null || om == null || bm <= 0 ? null : new MemoryComparison(measure, unit, bm, om, bs.size(), caveat);
    }

    private static Map<String, Double> byCase(ResultFile f, java.util.function.Function<Measures.MemoryCase, Double> value) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Measures.MemoryCase c : Measures.memory(f)) {
            Double v = value.apply(c);
            if (v != null) {
                out.put(c.testName(), v);
            }
        }
        return out;
    }

    double reductionPct() {
        return Rates.ratio(baseline - label, baseline) * 100;   // baseline > 0: compare() returns null otherwise
    }

    String describe(String labelName) {
        return "mean " + measure + " over " + cases + " case(s) " + fixed(baseline, 1) + " " + unit + " (baseline) vs "
                + fixed(label, 1) + " " + unit + " (" + labelName + "), a reduction of " + fixed(reductionPct(), 1) + " %" + caveat;
    }
}

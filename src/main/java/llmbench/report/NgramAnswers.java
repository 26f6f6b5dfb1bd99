package llmbench.report;

import static llmbench.report.Fmt.fixed;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import llmbench.metrics.Means;
import llmbench.metrics.Rates;
import llmbench.metrics.SpecDecodeDeltas;

/**
 * Phase 3's key metrics from bench_ngram files, for the n-gram configuration with the highest mean generation
 * rate: acceptance per category, overall speedup (mean generation tok/s
 * over the categories both runs have, n-gram / baseline) and the best ngram-max and K of a sweep (labels
 * {@code ngram<N>_k<K>[_t<T>]}, best = highest mean generation tok/s; {@link SweepTable} ranks). Runs labelled
 * {@code ..._dynamic} (run_plan.sh phase 3d: the server's dynamic controller left on) are kept out of those and
 * answer their own question: what the controller did, category by category.
 */
final class NgramAnswers {
    private NgramAnswers() {
    }

    static List<Answer> of(Select select) {
        Optional<ResultFile> ngram = fastest(select).or(() -> select.all("bench_ngram", "ngram").stream()
                .filter(f -> !dynamic(f)).reduce((a, b) -> b));
        Optional<ResultFile> base = select.latest("bench_ngram", "baseline");
        return List.of(acceptance(ngram), speedup(ngram, base), dynamicController(select, ngram), sweep(select));
    }

    /** A run with the server's dynamic speculation controller left on (run_plan.sh phase 3d). */
    static boolean dynamic(ResultFile f) {
        return f.config().endsWith("_dynamic");
    }

    /** The n-gram phase configuration with the highest mean generation rate (the latest file of each). */
    static Optional<ResultFile> fastest(Select select) {
        return select.latestPerConfig("bench_ngram").stream().filter(f -> f.phase().equals("ngram") && !dynamic(f))
                .filter(f -> Measures.ngramRate(f) != null)
                .max(Comparator.comparingDouble(Measures::ngramRate));
    }

    private static Answer acceptance(Optional<ResultFile> ngram) {
        String topic = "N-gram acceptance";
        String q = "What is the draft-token acceptance rate per content category?";
        if (ngram.isEmpty()) {
            return Answer.missing(topic, q, Select.missing("bench_ngram", "ngram (e.g. ngram4_k5)"));
        }
        // false: the server said speculation is off. Unknown (no /v1/spec_decode/metrics, e.g. llama-server):
        // the rows' own draft counts may still answer.
        if (ngram.get().root().path("spec_decode_enabled").isBoolean()
                && !ngram.get().root().path("spec_decode_enabled").asBoolean()) {
            return Answer.missing(topic, q, ngram.get().fileName() + " says spec_decode_enabled is false");
        }
        List<Measures.Category> cats = Measures.ngramByCategory(ngram.get());
        List<String> parts = cats.stream().filter(c -> c.acceptance() != null)
                .sorted(Comparator.comparing(Measures.Category::acceptance).reversed())
                .map(c -> c.name() + " " + fixed(c.acceptance() * 100, 1) + " %").toList();
        if (parts.isEmpty()) {
            return Answer.missing(topic, q, ngram.get().fileName() + " has no spec_metrics_after readings");
        }
        SpecDecodeDeltas total = Measures.spec(cats);
        Double rate = total.acceptanceRate();
        // A category the server drafted nothing for has no rate; name it, since the seed's controller switches
        // speculation off for good once its acceptance average falls below the threshold.
        List<String> none = cats.stream().filter(c -> c.spec().proposed() != null && c.spec().proposed() == 0)
                .map(Measures.Category::name).toList();
        return Answer.of(topic, q, "With " + ngram.get().config() + " (the fastest n-gram configuration), highest first: " + String.join(", ", parts)
                + ". Over all categories " + fixed(rate == null ? null : rate * 100, 1) + " % of "
                + fixed(total.proposed() == null ? 0.0 : total.proposed(), 0) + " proposed tokens were accepted."
                + (none.isEmpty() ? "" : " No draft tokens were proposed for " + String.join(", ", none)
                        + " (the server had stopped speculating: its dynamic controller turns speculation off once the"
                        + " acceptance average falls below its threshold; run the phase with it off to measure them)."),
                List.of(ngram.get()));
    }

    /**
     * What the dynamic controller did in the categories' order: the acceptance in each category where it still
     * drafted, the first category where it drafted nothing (speculation off for good in the seed's controller),
     * and its mean generation rate against the held-on configuration's.
     */
    private static Answer dynamicController(Select select, Optional<ResultFile> heldOn) {
        String topic = "Dynamic speculation controller";
        String q = "With the server's dynamic controller on, which categories still get speculation, and at what cost?";
        Optional<ResultFile> dyn = select.all("bench_ngram", "ngram").stream().filter(NgramAnswers::dynamic)
                .reduce((a, b) -> b);
        if (dyn.isEmpty()) {
            return Answer.missing(topic, q, Select.missing("bench_ngram", "ngram..._dynamic (run_plan.sh phase 3d)"));
        }
        List<Measures.Category> cats = Measures.ngramByCategory(dyn.get());
        if (cats.stream().allMatch(c -> c.proposed() == null)) {
            return Answer.missing(topic, q, dyn.get().fileName() + " has no speculation counters");
        }
        List<String> per = cats.stream().map(c -> c.proposed() == null ? c.name() + " unknown"
                : c.proposed() == 0 ? c.name() + " no drafts"
                : c.name() + " " + fixed(c.acceptance() == null ? null : c.acceptance() * 100, 1) + " %").toList();
        Optional<Measures.Category> off = cats.stream().filter(c -> c.proposed() != null && c.proposed() == 0).findFirst();
        StringBuilder s = new StringBuilder("In the run's category order (").append(dyn.get().config()).append("): ")
                .append(String.join(", ", per)).append(". ");
        s.append(off.map(c -> "Speculation stopped from " + c.name() + " on: " + cats.stream()
                        .filter(x -> x.proposed() != null && x.proposed() == 0).count() + " of " + cats.size()
                        + " categories got no drafts. ")
                .orElse("It drafted in every category. "));
        Double dynRate = Measures.ngramRate(dyn.get());
        Double onRate = heldOn.map(Measures::ngramRate).orElse(null);
        if (dynRate != null && onRate != null) {
            s.append("Mean generation rate ").append(fixed(dynRate, 2)).append(" tok/s vs ").append(fixed(onRate, 2))
                    .append(" tok/s with speculation held on (").append(heldOn.get().config()).append(").");
        }
        List<ResultFile> used = new java.util.ArrayList<>(List.of(dyn.get()));
        heldOn.ifPresent(used::add);
        return Answer.of(topic, q, s.toString().strip(), used);
    }

    private static Answer speedup(Optional<ResultFile> ngram, Optional<ResultFile> base) {
        String topic = "N-gram speedup";
        String q = "What is the overall speedup of n-gram speculative decoding vs baseline?";
        if (ngram.isEmpty() || base.isEmpty()) {
            return Answer.missing(topic, q, Select.missing("bench_ngram", ngram.isEmpty() ? "ngram (e.g. ngram4_k5)" : "baseline"));
        }
        Map<String, Double> b = Measures.ngramByCategory(base.get()).stream().filter(c -> c.genTokS() != null)
                .collect(Collectors.toMap(Measures.Category::name, Measures.Category::genTokS, (x, y) -> y));
        List<Measures.Category> both = Measures.ngramByCategory(ngram.get()).stream()
                .filter(c -> c.genTokS() != null && b.containsKey(c.name())).toList();
        if (both.isEmpty()) {
            return Answer.missing(topic, q, "no category with generation_tok_s in both " + ngram.get().fileName()
                    + " and " + base.get().fileName());
        }
        double n = Means.ofPresent(both.stream().map(Measures.Category::genTokS).toList());
        double bb = Means.ofPresent(both.stream().map(c -> b.get(c.name())).toList());
        List<String> per = both.stream().map(c -> c.name() + " " + fixed(Rates.ratio(c.genTokS(), b.get(c.name())), 2)
                + "×").toList();
        Double speedup = Rates.ratio(n, bb);
        return Answer.of(topic, q, "Mean generation rate over " + both.size() + " categories: " + fixed(n, 2)
                + " tok/s with " + ngram.get().config() + " vs " + fixed(bb, 2) + " tok/s baseline, a speedup of "
                + fixed(speedup, 2) + "× (" + (speedup != null && speedup >= 1.2 ? "meets" : "misses")
                + " the plan's 1.2× criterion). Per category: "
                + String.join(", ", per) + ".", List.of(ngram.get(), base.get()));
    }

    private static Answer sweep(Select select) {
        String topic = "N-gram parameters";
        String q = "Which ngram-max and K are best?";
        List<SweepTable.Row> combos = SweepTable.rows(select, null);
        if (combos.size() < 2) {
            return Answer.missing(topic, q, (combos.isEmpty() ? "no bench_ngram file" : "only one bench_ngram combination ("
                    + combos.get(0).label() + ")") + " with a label ngram<N>_k<K>; the sweep needs at least two");
        }
        Optional<SweepTable.Row> best = SweepTable.best(combos);
        if (best.isEmpty()) {
            return Answer.missing(topic, q, "no bench_ngram combination has generation rates");
        }
        List<String> parts = combos.stream().map(r -> r.label() + " " + fixed(r.rate(), 2) + " tok/s").toList();
        return Answer.of(topic, q, best.get().combination() + " (" + best.get().label()
                + "): highest mean generation rate, " + fixed(best.get().rate(), 2) + " tok/s. All: " + String.join(", ", parts)
                + ".", combos.stream().map(SweepTable.Row::file).toList());
    }
}

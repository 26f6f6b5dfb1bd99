package llmbench.report;

import static llmbench.report.Fmt.fixed;
import static llmbench.report.Fmt.num;
import static llmbench.report.Fmt.pct;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import llmbench.metrics.CacheDeltas;
import llmbench.metrics.Interval95;
import llmbench.metrics.ScalingAnswers;

/**
 * The test plan's key questions (test-plan.md, per phase), answered from the files of one results directory.
 * Each answer names the file it used; one the data cannot answer names the missing run instead.
 */
public final class KeyAnswers {
    static final double DEFAULT_SATURATION_GAIN = 0.10;

    private final Select select;
    private final SeedExtract.Summary summary;

    KeyAnswers(List<ResultFile> files, SeedExtract.Summary summary) {
        this.select = new Select(files);
        this.summary = summary;
    }

    public static List<Answer> of(List<ResultFile> files, SeedExtract.Summary summary, List<java.nio.file.Path> logs) {
        KeyAnswers k = new KeyAnswers(files, summary);
        List<Answer> out = new ArrayList<>();
        out.add(k.batchScaling());
        out.add(k.p95AtConcurrency8());
        out.add(k.fp8VsBaseline());
        out.addAll(NgramAnswers.of(k.select));
        out.add(k.ssdWarmVsCold());
        out.add(k.combined());
        out.addAll(VerdictLogs.of(logs));
        return out;
    }

    Answer batchScaling() {
        String topic = "Batch scaling";
        String q = "Does throughput rise with batch size, where does it saturate, what does a request pay in latency?";
        Optional<ResultFile> f = select.latest("bench_batch", "baseline").or(() -> select.all("bench_batch", null)
                .stream().reduce((a, b) -> b));
        if (f.isEmpty()) {
            return Answer.missing(topic, q, Select.missing("bench_batch", "baseline") + " (BatchSimulation or bench_batch.py)");
        }
        List<Measures.BatchPoint> pts = Measures.batch(f.get()).stream()
                .filter(p -> p.throughput() != null && p.avgLatency() != null).toList();
        if (pts.size() < 2) {
            return Answer.missing(topic, q, f.get().fileName() + " has fewer than two batch sizes with results");
        }
        double gain = f.get().root().path("scaling").path("saturation_gain_threshold").asDouble(DEFAULT_SATURATION_GAIN);
        ScalingAnswers a = ScalingAnswers.of(pts.stream().map(Measures.BatchPoint::scalingPoint).toList(), gain);
        Measures.BatchPoint first = pts.get(0);
        Measures.BatchPoint last = pts.get(pts.size() - 1);
        StringBuilder s = new StringBuilder();
        s.append(switch (a.throughputRises()) {
            case YES -> "Yes";
            case NO -> "No";
            case INCONCLUSIVE -> "Inconclusive";
        }).append(": aggregate throughput goes from ")
                .append(num(first.throughput())).append(" tok/s at k=").append(first.k()).append(" to ")
                .append(num(last.throughput())).append(" tok/s at k=").append(last.k())
                .append(" (speedup ").append(num(last.speedup())).append("×)");
        Interval95 trend = a.throughputTrend();
        if (trend.low() != null) {
            s.append("; the trend over all runs is ").append(fixed(trend.estimate(), 1)).append(" tok/s per added request (95 % interval ")
                    .append(fixed(trend.low(), 1)).append(" to ").append(fixed(trend.high(), 1)).append(")");
        } else {
            s.append("; too few runs to tell the trend from noise");
        }
        s.append(". ");
        switch (a.saturation()) {
            case SATURATED -> {
                ScalingAnswers.Step st = a.steps().stream().filter(x -> x.toK() == a.saturationK()).findFirst().orElseThrow();
                s.append("It saturates at k=").append(a.saturationK()).append(": the gain over k=").append(st.fromK())
                        .append(" is ").append(fixed(st.throughputGain() * 100, 1)).append(" %, below the ")
                        .append(fixed(gain * 100, 0)).append(" % threshold beyond run-to-run noise. ");
            }
            case NONE -> s.append("No saturation up to k=").append(last.k()).append(": every step gains more than ")
                    .append(fixed(gain * 100, 0)).append(" % beyond run-to-run noise. ");
            case INCONCLUSIVE -> {
                ScalingAnswers.Step st = a.steps().stream().filter(x -> x.belowThreshold() == Interval95.Sign.INCONCLUSIVE)
                        .findFirst().orElseThrow();
                s.append("Saturation is inconclusive: whether k=").append(st.toK()).append(" gains ")
                        .append(fixed(gain * 100, 0)).append(" % over k=").append(st.fromK())
                        .append(" cannot be told from run-to-run noise (more runs per k would tell)");
                if (a.saturationKFromMeans() != null) {
                    s.append("; on means alone it would be k=").append(a.saturationKFromMeans());
                }
                s.append(". ");
            }
        }
        s.append("Mean per-request latency goes from ").append(num(first.avgLatency())).append(" s to ")
                .append(num(last.avgLatency())).append(" s (p95 ").append(num(last.p95Latency()))
                .append(" s at k=").append(last.k()).append("): ")
                .append(fixed(a.latencyCostPerRequestS(), 4)).append(" s per added request.");
        return Answer.of(topic, q, s.toString(), List.of(f.get()));
    }

    Answer p95AtConcurrency8() {
        String topic = "Latency under concurrency";
        String q = "What is the p95 latency at concurrency 8?";
        List<String> parts = new ArrayList<>();
        List<ResultFile> used = new ArrayList<>();
        for (ResultFile f : select.latestPerConfig("bench_concurrent")) {
            Measures.concurrent(f).stream().filter(l -> l.concurrency() == 8).findFirst().ifPresent(l -> {
                parts.add(f.config() + ": p95 " + num(l.latencyP95()) + " s (p50 " + num(l.latencyP50())
                        + " s, p99 " + num(l.latencyP99()) + " s, " + l.errors() + " errors)");
                used.add(f);
            });
        }
        String batchNote = select.latest("bench_batch", "baseline").flatMap(f -> Measures.batch(f).stream()
                .filter(p -> p.k() == 8).findFirst().map(p -> "batch k=8 (" + f.config() + ") p95 per-request latency "
                        + num(p.p95Latency()) + " s")).orElse(null);
        if (parts.isEmpty()) {
            String what = Select.missing("bench_concurrent", "baseline") + " with a concurrency-8 level";
            if (batchNote != null) {
                return new Answer(topic, q, "Cannot answer from bench_concurrent: " + what
                        + ". Nearest figure: " + batchNote + ".", false, List.of());
            }
            return Answer.missing(topic, q, what);
        }
        String text = "At 8 concurrent requests, " + String.join("; ", parts) + "."
                + (batchNote != null ? " For comparison, " + batchNote + "." : "");
        if (used.stream().noneMatch(f -> f.phase().equals("baseline"))) {
            text += " (" + Select.missing("bench_concurrent", "baseline") + ".)";
        }
        return Answer.of(topic, q, text, used);
    }

    Answer fp8VsBaseline() {
        String topic = "KV FP8";
        String q = "How much memory does FP8 KV save vs baseline, and what does it cost in tok/s?";
        Optional<ResultFile> base = select.latest("bench_memory", "baseline");
        Optional<ResultFile> fp8 = select.latest("bench_memory", "fp8");
        List<String> parts = new ArrayList<>();
        List<ResultFile> used = new ArrayList<>();
        if (base.isPresent() && fp8.isPresent()) {
            MemoryComparison c = MemoryComparison.of(base.get(), fp8.get());
            if (c != null) {
                parts.add("memory: " + c.describe("fp8"));
                used.add(base.get());
                used.add(fp8.get());
            } else {
                parts.add("memory: the bench_memory files carry neither KV bytes per case nor used_blocks in health_after");
            }
        } else {
            parts.add("memory: " + Select.missing("bench_memory", base.isEmpty() ? "baseline" : "fp8"));
        }
        String speed = speedVsBaseline("fp8");
        parts.add(speed != null ? "speed: " + speed
                : "speed: no benchmark run with both labels fp8 and baseline (e.g. bench_single)");
        boolean any = !used.isEmpty() || speed != null;
        String text = String.join("; ", parts) + ".";
        return any ? Answer.of(topic, q, text, used) : new Answer(topic, q, "Cannot answer: " + text, false, List.of());
    }

    /** Benchmarks that carry a comparable decode rate, most comparable first (the plan runs bench_single in every phase). */
    static final List<String> SPEED_BENCHMARKS = List.of("bench_single", "bench_concurrent", "bench_ngram",
            "bench_memory", "bench_cache", "bench_batch");

    /** "bench_single mean decode X tok/s (phase) vs Y tok/s (baseline), ±Z%", on the first benchmark both have. */
    String speedVsBaseline(String phase) {
        for (String b : SPEED_BENCHMARKS) {
            Double v = summary.bench(phase, b, "decode_tok_s");
            Double base = summary.bench(Phases.BASELINE, b, "decode_tok_s");
            if (positive(v) && positive(base)) {
                return b + " mean decode " + num(v) + " tok/s vs " + num(base) + " tok/s baseline ("
                        + pct(summary.benchDelta(phase, b, "decode_tok_s")) + ")";
            }
        }
        return null;
    }

    Double fp8MemoryReduction() {
        Optional<ResultFile> base = select.latest("bench_memory", "baseline");
        Optional<ResultFile> fp8 = select.latest("bench_memory", "fp8");
        MemoryComparison c = base.isEmpty() || fp8.isEmpty() ? null : MemoryComparison.of(base.get(), fp8.get());
        return c == null ? null : c.reductionPct();
    }

    private static boolean positive(Double v) {
        return v != null && v > 0;
    }

    Answer ssdWarmVsCold() {
        String topic = "SSD cache";
        String q = "Is TTFT of a warm (repeated) request lower than cold with the SSD cache?";
        Optional<ResultFile> ssd = select.latest("bench_cache", "ssd");
        if (ssd.isEmpty()) {
            return Answer.missing(topic, q, Select.missing("bench_cache", "ssd"));
        }
        Double cold = Measures.cacheTtft(ssd.get(), "cold_request");
        Double warm = Measures.cacheTtft(ssd.get(), "warm_request");
        Double warmToCold = CacheDeltas.ttftRatio(warm, cold);
        if (warmToCold == null) {
            return Answer.missing(topic, q, ssd.get().fileName() + " lacks a timed cold_request or warm_request");
        }
        double ratio = warmToCold * 100;
        String text = "With SSD (" + ssd.get().config() + "), TTFT cold " + num(cold) + " s, warm " + num(warm)
                + " s: warm is " + fixed(ratio, 1) + " % of cold (" + (ratio < 50 ? "meets" : "misses")
                + " the plan's < 50 % criterion).";
        List<ResultFile> used = new ArrayList<>(List.of(ssd.get()));
        Optional<ResultFile> base = select.latest("bench_cache", "baseline");
        if (base.isPresent() && Measures.cacheTtft(base.get(), "cold_request") != null) {
            Double bc = Measures.cacheTtft(base.get(), "cold_request");
            Double bw = Measures.cacheTtft(base.get(), "warm_request");
            text += " Baseline without SSD: cold " + num(bc) + " s, warm " + num(bw) + " s.";
            used.add(base.get());
        }
        return Answer.of(topic, q, text, used);
    }

    Answer combined() {
        String topic = "Combined / production";
        String q = "How do all features combined compare with baseline, and which configuration goes to production?";
        List<String> phases = new ArrayList<>(summary.byPhase().keySet());
        if (phases.isEmpty()) {
            return Answer.missing(topic, q, "no result files");
        }
        StringBuilder s = new StringBuilder();
        if (!phases.contains("all_features")) {
            s.append("No all_features files (label all_features), so no combined-vs-baseline figure. ");
        } else {
            String speed = speedVsBaseline("all_features");
            s.append("All features vs baseline: ").append(speed != null ? speed
                    : "no benchmark run with both labels all_features and baseline").append(". ");
        }
        String bench = SPEED_BENCHMARKS.stream().filter(b -> phases.stream()
                .filter(p -> positive(summary.bench(p, b, "decode_tok_s"))).count() >= 2).findFirst().orElse(null);
        String best = null;
        if (bench != null) {
            for (String p : phases) {
                Double v = summary.bench(p, bench, "decode_tok_s");
                if (positive(v) && (best == null || v > summary.bench(best, bench, "decode_tok_s"))) {
                    best = p;
                }
            }
        }
        if (best == null) {
            s.append("No benchmark was run in two or more phases, so no recommendation (measured: ")
                    .append(String.join(", ", phases)).append(").");
        } else {
            List<ProductionChoice.Candidate> candidates = phases.stream()
                    .filter(p -> positive(summary.bench(p, bench, "decode_tok_s")))
                    .map(p -> new ProductionChoice.Candidate(p, summary.bench(p, bench, "decode_tok_s"),
                            summary.bench(p, bench, "prefill_time_s"), ProductionChoice.errors(select, p)))
                    .toList();
            best = ProductionChoice.choose(candidates, summary.bench(Phases.BASELINE, bench, "prefill_time_s"),
                    fp8MemoryReduction(), summary.benchDelta("fp8", bench, "decode_tok_s"), bench, s);
        }
        return new Answer(topic, q, s.toString(), best != null, List.of());
    }
}

package llmbench.report;

import static llmbench.report.Fmt.fixed;
import static llmbench.report.Fmt.num;
import static llmbench.report.Fmt.pct;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        ScalingAnswers a = ScalingAnswers.of(pts.stream()
                .map(p -> new ScalingAnswers.Point(p.k(), p.throughput(), p.avgLatency())).toList(), gain);
        Measures.BatchPoint first = pts.get(0);
        Measures.BatchPoint last = pts.get(pts.size() - 1);
        StringBuilder s = new StringBuilder();
        s.append(a.throughputRises() ? "Yes" : "No").append(": aggregate throughput goes from ")
                .append(num(first.throughput())).append(" tok/s at k=").append(first.k()).append(" to ")
                .append(num(last.throughput())).append(" tok/s at k=").append(last.k())
                .append(" (speedup ").append(num(last.speedup())).append("×). ");
        if (a.saturationK() != null) {
            ScalingAnswers.Step st = a.steps().stream().filter(x -> x.toK() == a.saturationK()).findFirst().orElseThrow();
            s.append("It saturates at k=").append(a.saturationK()).append(": the gain over k=").append(st.fromK())
                    .append(" is ").append(pct(st.throughputGain() * 100)).append(", below the ")
                    .append(fixed(gain * 100, 0)).append(" % threshold. ");
        } else {
            s.append("No saturation up to k=").append(last.k()).append(": every step gains at least ")
                    .append(fixed(gain * 100, 0)).append(" %. ");
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
            Double b = Measures.mean(Measures.memory(base.get()).stream().map(Measures.MemoryCase::usedBlocks).toList());
            Double f = Measures.mean(Measures.memory(fp8.get()).stream().map(Measures.MemoryCase::usedBlocks).toList());
            if (b != null && f != null && b > 0) {
                parts.add("memory: mean used KV blocks after each bench_memory case " + fixed(b, 1) + " (baseline) vs "
                        + fixed(f, 1) + " (fp8), a reduction of " + fixed((b - f) / b * 100, 1)
                        + " % (the seed's bench_memory records block-pool figures, not bytes)");
                used.add(base.get());
                used.add(fp8.get());
            } else {
                parts.add("memory: the bench_memory files carry no used_blocks in health_after");
            }
        } else {
            parts.add("memory: " + Select.missing("bench_memory", base.isEmpty() ? "baseline" : "fp8"));
        }
        Double d = summary.deltaVsBaseline("fp8", "decode_tok_s");
        if (d != null) {
            parts.add("speed: mean decode " + num(summary.overall("fp8", "decode_tok_s")) + " tok/s vs "
                    + num(summary.overall("baseline", "decode_tok_s")) + " tok/s baseline (" + pct(d)
                    + ", extract_results overall averages)");
        } else {
            parts.add("speed: no " + (summary.overall("fp8", "decode_tok_s") == null ? "fp8" : "baseline")
                    + " files with decode rates (run bench_single with label fp8 and baseline)");
        }
        boolean any = !used.isEmpty() || d != null;
        String text = String.join("; ", parts) + ".";
        return any ? Answer.of(topic, q, text, used) : new Answer(topic, q, "Cannot answer: " + text, false, List.of());
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
        if (cold == null || warm == null || cold <= 0) {
            return Answer.missing(topic, q, ssd.get().fileName() + " lacks a timed cold_request or warm_request");
        }
        double ratio = warm / cold * 100;
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
        Double dDecode = summary.deltaVsBaseline("all_features", "decode_tok_s");
        if (summary.overall("all_features", "decode_tok_s") == null) {
            s.append("No all_features files (label all_features), so no combined-vs-baseline figure. ");
        } else {
            s.append("All features vs baseline: decode ").append(pct(dDecode)).append(", throughput ")
                    .append(pct(summary.deltaVsBaseline("all_features", "throughput_tok_s"))).append(", TTFT (prefill time) ")
                    .append(pct(summary.deltaVsBaseline("all_features", "prefill_time_s"))).append(". ");
        }
        String best = null;
        for (String p : phases) {
            Double v = summary.overall(p, "decode_tok_s");
            if (v != null && v > 0 && (best == null || v > summary.overall(best, "decode_tok_s"))) {
                best = p;
            }
        }
        if (best == null) {
            s.append("No phase has decode rates, so no recommendation.");
        } else if (phases.size() == 1) {
            s.append("Only ").append(Phases.display(best)).append(" was measured: nothing to compare it with, so no "
                    + "recommendation beyond it (missing: ").append(String.join(", ", Phases.ORDER.stream()
                    .filter(p -> !phases.contains(p)).toList())).append(").");
        } else {
            s.append("Recommended: ").append(Phases.display(best)).append(", because it has the highest mean decode rate, ")
                    .append(num(summary.overall(best, "decode_tok_s"))).append(" tok/s")
                    .append(best.equals("baseline") ? "" : " (" + pct(summary.deltaVsBaseline(best, "decode_tok_s")) + " vs baseline)")
                    .append(", of the measured phases (").append(String.join(", ", phases)).append(").");
        }
        return new Answer(topic, q, s.toString(), best != null, List.of());
    }
}

package llmbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import llmbench.metrics.Rates;
import llmbench.metrics.Rounding;
import llmbench.metrics.ScalingAnswers;

/** The six charts of the page as ECharts options (animation off, so a screenshot shows the final state). */
public final class Charts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Select select;
    private final SeedExtract.Summary summary;

    private Charts(List<ResultFile> files, SeedExtract.Summary summary) {
        this.select = new Select(files);
        this.summary = summary;
    }

    public static List<Chart> of(List<ResultFile> files, SeedExtract.Summary summary) {
        Charts c = new Charts(files, summary);
        return List.of(c.batch(), c.concurrency(), c.memory(), c.ngram(), c.ttft(), c.fiveMetrics()).stream()
                .map(Charts::emptyAsMissing).toList();
    }

    /** A chart whose every value is null (e.g. every request failed) is shown as missing data, not drawn empty. */
    static Chart emptyAsMissing(Chart c) {
        if (c.option() == null) {
            return c;
        }
        for (JsonNode s : c.option().path("series")) {
            for (JsonNode d : s.path("data")) {
                if (!d.isNull() && !(d.isArray() && d.get(1).isNull())) {
                    return c;
                }
            }
        }
        return new Chart(c.id(), c.title(), null, null, "the files have no values to plot (every request failed?)");
    }

    Chart batch() {
        String title = "Batch throughput scaling";
        List<ResultFile> files = select.latestPerConfig("bench_batch");
        if (files.isEmpty()) {
            return new Chart("batch", title, null, null, Select.missing("bench_batch", "baseline"));
        }
        ObjectNode o = base(title, "batch size k", "aggregate throughput (tok/s)", "mean per-request latency (s)", true);
        for (ResultFile f : files) {
            List<Measures.BatchPoint> pts = Measures.batch(f);
            ObjectNode thr = series(o, f.config() + " throughput", "line", 0);
            pts.forEach(p -> thr.withArray("data").add(pair(p.k(), p.throughput())));
            double gain = f.root().path("scaling").path("saturation_gain_threshold")
                    .asDouble(KeyAnswers.DEFAULT_SATURATION_GAIN);
            ScalingAnswers answers = ScalingAnswers.of(pts.stream()
                    .filter(p -> p.throughput() != null && p.avgLatency() != null)
                    .map(Measures.BatchPoint::scalingPoint).toList(), gain);
            // an inconclusive saturation is still marked where the means put it, and says so
            boolean conclusive = answers.saturation() == ScalingAnswers.Saturation.SATURATED;
            Integer sat = conclusive ? answers.saturationK()
                    : answers.saturation() == ScalingAnswers.Saturation.INCONCLUSIVE ? answers.saturationKFromMeans() : null;
            String mark = "saturation k=" + sat + (conclusive ? "" : " (within noise)");
            if (sat != null) {
                Double satThr = pts.stream().filter(p -> p.k() == sat).findFirst().orElseThrow().throughput();
                ObjectNode mp = thr.putObject("markPoint");
                ObjectNode point = mp.putArray("data").addObject();
                point.put("name", mark);
                point.putArray("coord").add(sat).add(satThr);
                point.put("value", "k=" + sat);
                mp.put("symbolSize", 46);
                ObjectNode ml = thr.putObject("markLine");
                ml.put("symbol", "none");
                ml.putArray("data").addObject().put("xAxis", sat).put("name", mark);
                ml.putObject("label").put("formatter", mark);
            }
            ObjectNode lat = series(o, f.config() + " latency", "line", 1);
            lat.putObject("lineStyle").put("type", "dashed");
            pts.forEach(p -> lat.withArray("data").add(pair(p.k(), p.avgLatency())));
        }
        return new Chart("batch", title, "Aggregate throughput per batch size (solid, left axis) with the saturation "
                + "point marked, and mean per-request latency (dashed, right axis).", o, null);
    }

    Chart concurrency() {
        String title = "Latency percentiles by concurrency";
        List<ResultFile> files = select.latestPerConfig("bench_concurrent");
        if (files.isEmpty()) {
            return new Chart("concurrency", title, null, null, Select.missing("bench_concurrent", "baseline"));
        }
        ObjectNode o = base(title, "concurrent requests", "latency (s)", null, true);
        for (ResultFile f : files) {
            List<Measures.Level> levels = Measures.concurrent(f);
            for (String pc : List.of("p50", "p95", "p99")) {
                ObjectNode s = series(o, f.config() + " " + pc, "line", 0);
                levels.forEach(l -> s.withArray("data").add(pair(l.concurrency(),
                        pc.equals("p50") ? l.latencyP50() : pc.equals("p95") ? l.latencyP95() : l.latencyP99())));
            }
        }
        return new Chart("concurrency", title, "bench_concurrent latency_p50/p95/p99 per level and configuration.", o, null);
    }

    Chart memory() {
        String title = "KV memory by prompt size";
        List<ResultFile> files = select.latestPerConfig("bench_memory");
        if (files.isEmpty()) {
            return new Chart("memory", title, null, null, Select.missing("bench_memory", "baseline"));
        }
        Set<String> cases = new LinkedHashSet<>();
        files.forEach(f -> Measures.memory(f).forEach(m -> cases.add(m.testName())));
        // Our files carry the KV bytes each case added (comparable across labels); the seed's only pool figures.
        boolean bytes = files.stream().allMatch(f -> Measures.memory(f).stream().anyMatch(m -> m.kvBytesAdded() != null));
        java.util.function.Function<Measures.MemoryCase, Double> value = bytes
                ? m -> m.kvBytesAdded() == null ? null : m.kvBytesAdded() / (1024.0 * 1024.0)
                : Measures.MemoryCase::usedBlocks;
        ObjectNode o = base(title, null, bytes ? "KV MiB added by the case" : "used KV blocks (after case)", null, false);
        categories(o, cases);
        for (ResultFile f : files) {
            Map<String, Double> byCase = new java.util.HashMap<>();
            Measures.memory(f).forEach(m -> {
                Double v = value.apply(m);
                if (v != null) {
                    byCase.put(m.testName(), v);
                }
            });
            ObjectNode s = series(o, f.config(), "bar", 0);
            cases.forEach(c -> addOrNull(s.withArray("data"), byCase.get(c)));
        }
        return new Chart("memory", title, bytes
                ? "KV memory each bench_memory case added (the server's /health memory.kv_used_bytes, after − before), per label."
                : "Used blocks of the KV block pool (/health after each bench_memory case), per label.", o, null);
    }

    Chart ngram() {
        String title = "N-gram acceptance and speedup per category";
        List<ResultFile> files = select.latestPerConfig("bench_ngram").stream()
                .filter(f -> f.root().path("spec_decode_enabled").asBoolean(false)).toList();
        if (files.isEmpty()) {
            return new Chart("ngram", title, null, null, Select.missing("bench_ngram", "ngram (e.g. ngram4_k5)"));
        }
        Set<String> cats = new LinkedHashSet<>();
        files.forEach(f -> Measures.ngram(f).forEach(c -> cats.add(c.name())));
        ObjectNode o = base(title, null, "acceptance (%)", "speedup vs baseline (×)", false);
        categories(o, cats);
        for (ResultFile f : files) {
            Map<String, Measures.Category> by = byName(f);
            ObjectNode s = series(o, f.config() + " acceptance %", "bar", 0);
            cats.forEach(c -> addOrNull(s.withArray("data"), by.containsKey(c) && by.get(c).acceptance() != null
                    ? Rounding.round(by.get(c).acceptance() * 100, 1) : null));
        }
        select.latest("bench_ngram", "baseline").ifPresent(b -> {
            Map<String, Measures.Category> base = byName(b);
            for (ResultFile f : files) {
                Map<String, Measures.Category> by = byName(f);
                ObjectNode s = series(o, f.config() + " speedup ×", "line", 1);
                cats.forEach(c -> addOrNull(s.withArray("data"), Rounding.round(Rates.ratio(rate(by.get(c)),
                        rate(base.get(c))), 2)));
            }
        });
        return new Chart("ngram", title, "Accepted / proposed draft tokens per category (bars), and generation tok/s "
                + "relative to the baseline bench_ngram run (line).", o, null);
    }

    Chart ttft() {
        String title = "TTFT cold vs warm (bench_cache)";
        List<ResultFile> files = select.latestPerConfig("bench_cache");
        if (files.isEmpty()) {
            return new Chart("ttft", title, null, null, Select.missing("bench_cache", "ssd"));
        }
        ObjectNode o = base(title, null, "TTFT (s)", null, false);
        categories(o, files.stream().map(ResultFile::config).toList());
        for (String c : List.of("cold_request", "warm_request")) {
            ObjectNode s = series(o, c, "bar", 0);
            files.forEach(f -> addOrNull(s.withArray("data"), Measures.cacheTtft(f, c)));
        }
        return new Chart("ttft", title, "Time to first token of the identical cold and warm requests, per configuration.", o, null);
    }

    Chart fiveMetrics() {
        String title = "Five metrics across phases (extract_results overall averages)";
        if (summary.byPhase().isEmpty()) {
            return new Chart("five", title, null, null, "no result files");
        }
        ObjectNode o = base(title, null, "seconds", "tok/s", false);
        List<String> phases = new ArrayList<>(summary.byPhase().keySet());
        categories(o, phases.stream().map(Phases::display).toList());
        for (String m : SeedExtract.FIVE) {
            ObjectNode s = series(o, m, "bar", m.endsWith("_time_s") ? 0 : 1);
            phases.forEach(p -> addOrNull(s.withArray("data"), summary.overall(p, m)));
        }
        return new Chart("five", title, "Times on the left axis, rates on the right.", o, null);
    }

    private static Map<String, Measures.Category> byName(ResultFile f) {
        return Measures.ngramByCategory(f).stream().collect(Collectors.toMap(Measures.Category::name, c -> c, (a, b) -> b));
    }

    private static Double rate(Measures.Category c) {
        return c == null || c.genTokS() == null || c.genTokS() <= 0 ? null : c.genTokS();
    }

    static ObjectNode base(String title, String xName, String yName, String y2Name, boolean valueX) {
        ObjectNode o = JSON.createObjectNode();
        o.put("animation", false);
        o.putObject("title").put("text", title).put("left", "center").putObject("textStyle").put("fontSize", 14);
        o.putObject("tooltip").put("trigger", "axis");
        o.putObject("legend").put("bottom", 0).put("type", "scroll");
        o.putObject("grid").put("left", 70).put("right", 70).put("top", 50).put("bottom", 70);
        ObjectNode x = o.putObject("xAxis").put("type", valueX ? "value" : "category");
        if (xName != null) {
            x.put("name", xName).put("nameLocation", "middle").put("nameGap", 28);
        }
        if (valueX) {
            x.put("minInterval", 1);
        }
        ArrayNode ys = o.putArray("yAxis");
        ys.addObject().put("type", "value").put("name", yName).put("nameLocation", "middle").put("nameGap", 50);
        if (y2Name != null) {
            ys.addObject().put("type", "value").put("name", y2Name).put("nameLocation", "middle").put("nameGap", 45)
                    .putObject("splitLine").put("show", false);
        }
        o.putArray("series");
        return o;
    }

    private static void categories(ObjectNode o, Iterable<String> names) {
        ObjectNode x = (ObjectNode) o.get("xAxis");
        ArrayNode data = x.putArray("data");
        names.forEach(data::add);
        x.putObject("axisLabel").put("interval", 0).put("rotate", 20);
    }

    static ObjectNode series(ObjectNode o, String name, String type, int yAxis) {
        ObjectNode s = o.withArray("series").addObject();
        s.put("name", name).put("type", type).put("yAxisIndex", yAxis);
        s.putArray("data");
        return s;
    }

    private static ArrayNode pair(int x, Double y) {
        ArrayNode a = JSON.createArrayNode().add(x);
        addOrNull(a, y);
        return a;
    }

    private static void addOrNull(ArrayNode a, Double v) {
        if (v == null) {
            a.addNull();
        } else {
            a.add(v);
        }
    }
}

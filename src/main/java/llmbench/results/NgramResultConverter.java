package llmbench.results;

import static llmbench.metrics.Rounding.round;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmbench.config.BadInputException;
import llmbench.counters.CounterReader;
import llmbench.counters.Snapshot;
import llmbench.counters.SnapshotBook;
import llmbench.load.CaseSequence;
import llmbench.load.NgramPlan;
import llmbench.metrics.FiveMetrics;
import llmbench.metrics.Means;
import llmbench.metrics.PooledDecode;
import llmbench.metrics.SpecDecodeDeltas;
import llmbench.timing.RequestRecord;

/**
 * Maps NgramSimulation's records to {@code bench_ngram_<label>_*.json} (the seed's bench_ngram.py, spec §5.6:
 * per request {@code category}, {@code category_description}, {@code spec_metrics_after}; top level
 * {@code spec_decode_enabled}, {@code spec_metrics_before/after}, {@code health}), plus {@code categories}:
 * per category the decode rate Σcompletion / Σdecode_time over its successful requests ({@link PooledDecode}),
 * the five metrics (means), the spec-decode deltas ({@link SpecDecodeDeltas}) and, given a baseline file, the speedup; and
 * {@code overall} the same over every category.
 */
public final class NgramResultConverter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<CaseSequence.Case> cases;
    private final Map<String, String> categories;
    private final SnapshotBook counters;
    private final Baseline baseline;

    /** Decode rates of an earlier run, per category and overall. */
    public record Baseline(String file, Map<String, Double> perCategory, Double overall) {
    }

    public NgramResultConverter(List<CaseSequence.Case> cases, Map<String, String> categories, SnapshotBook counters,
                                Baseline baseline) {
        this.cases = cases;
        this.categories = categories;
        this.counters = counters;
        this.baseline = baseline;
    }

    public ObjectNode convert(List<RequestRecord> all, RunInfo info, boolean partial, ZonedDateTime now) {
        ObjectNode root = ResultJson.header("bench_ngram", info, partial, now);
        List<CaseRows.Sent> sent = CaseRows.rows(cases, all, "test_name");
        Snapshot first = cases.isEmpty() ? null : counters.get(cases.get(0).name() + " before", CounterReader.SPEC_DECODE);
        Snapshot last = sent.isEmpty() ? first
                : counters.get(sent.get(sent.size() - 1).c().name() + " after", CounterReader.SPEC_DECODE);
        root.put("spec_decode_enabled", first == null || first.json() == null ? null
                : Boolean.valueOf(first.json().path("spec_decode_enabled").asBoolean(false)));
        ResultJson.putSnapshot(root, "spec_metrics_before", first);
        ResultJson.putSnapshot(root, "spec_metrics_after", last);
        root.set("health", info.healthAfter() != null ? info.healthAfter() : info.healthBefore());

        Map<String, Group> groups = new LinkedHashMap<>();
        categories.keySet().forEach(c -> groups.put(c, new Group()));
        Group overall = new Group();
        for (CaseRows.Sent s : sent) {
            Snapshot before = counters.get(s.c().name() + " before", CounterReader.SPEC_DECODE);
            Snapshot after = counters.get(s.c().name() + " after", CounterReader.SPEC_DECODE);
            ResultJson.putSnapshot(s.row(), "spec_metrics_after", after);
            SpecDecodeDeltas d = SpecDecodeDeltas.between(Snapshot.json(before), Snapshot.json(after));
            putSpec(s.row().putObject("spec_delta"), d);
            Group g = groups.get(NgramPlan.category(s.c().name()));
            g.add(s.record(), d);
            overall.add(s.record(), d);
        }
        CaseRows.array(root, sent);
        ObjectNode cats = root.putObject("categories");
        groups.forEach((name, g) -> {
            if (g.requests > 0) {
                cats.set(name, g.toJson(categories.get(name), baseline == null ? null : baseline.perCategory().get(name)));
            }
        });
        root.set("overall", overall.toJson(null, baseline == null ? null : baseline.overall()));
        root.put("baseline_file", baseline == null ? null : baseline.file());
        ResultCounts.put(root, all, all.stream().filter(r -> !r.labels().warmup()).toList());
        return root;
    }

    private static void putSpec(ObjectNode o, SpecDecodeDeltas d) {
        o.put("proposed", d.proposed());
        o.put("accepted", d.accepted());
        o.put("bonus_tokens", d.bonus());
        o.put("steps", d.steps());
        o.put("acceptance_rate", round(d.acceptanceRate(), 4));
        o.put("tokens_per_step", round(d.tokensPerStep(), 2));
        if (!d.reported()) {
            o.put("note", "not reported: the server has no /v1/spec_decode/metrics counters");
        }
    }

    private static final class Group {
        int requests;
        final List<FiveMetrics> metrics = new ArrayList<>();
        final List<RequestRecord> records = new ArrayList<>();
        SpecDecodeDeltas spec = new SpecDecodeDeltas(null, null, null, null);

        void add(RequestRecord r, SpecDecodeDeltas d) {
            requests++;
            records.add(r);
            spec = spec.plus(d);
            if (r.succeeded()) {
                metrics.add(FiveMetrics.of(r));
            }
        }

        Double decodeRate() {
            return PooledDecode.of(metrics).decodeTokS();
        }

        ObjectNode toJson(String description, Double baselineRate) {
            ObjectNode o = RecordJson.JSON.createObjectNode();
            if (description != null) {
                o.put("description", description);
            }
            o.put("requests", requests);
            o.put("successful", metrics.size());
            o.put("completion_tokens", PooledDecode.of(metrics).completionTokens());
            o.put("decode_tok_s", round(decodeRate(), 2));
            ObjectNode means = o.putObject("five_metrics_mean");
            ResultJson.putFiveMeans(means, metrics);
            ResultJson.putItlDistribution(o, records);
            putSpec(o.putObject("spec_decode"), spec);
            o.put("baseline_decode_tok_s", baselineRate);
            o.put("speedup", round(SpecDecodeDeltas.speedup(decodeRate(), baselineRate), 3));
            return o;
        }
    }

    /**
     * Reads the decode rates of an earlier run: our {@code categories.<name>.decode_tok_s} and
     * {@code overall.decode_tok_s}, else (a seed bench_ngram file) the mean {@code generation_tok_s} of its
     * rows per {@code category}.
     */
    public static Baseline readBaseline(Path file) {
        if (file == null) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("baseline.file " + file + " is not JSON: " + e.getMessage());
        }
        if (!"bench_ngram".equals(root.path("benchmark").asText())) {
            throw new BadInputException("baseline.file " + file + " is not a bench_ngram result");
        }
        Map<String, Double> per = new HashMap<>();
        Double overall = null;
        if (root.path("categories").isObject()) {
            root.path("categories").fields().forEachRemaining(e -> {
                if (e.getValue().path("decode_tok_s").isNumber()) {
                    per.put(e.getKey(), e.getValue().path("decode_tok_s").asDouble());
                }
            });
            overall = root.path("overall").path("decode_tok_s").isNumber()
                    ? Double.valueOf(root.path("overall").path("decode_tok_s").asDouble()) : null;
        } else {
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (JsonNode r : root.path("results")) {
                if (r.path("generation_tok_s").isNumber() && r.path("error").isNull()) {
                    rates.computeIfAbsent(r.path("category").asText(), k -> new ArrayList<>())
                            .add(r.path("generation_tok_s").asDouble());
                }
            }
            rates.forEach((k, v) -> per.put(k, Means.ofPresent(v)));
        }
        return new Baseline(file.toString(), Map.copyOf(per), overall);
    }
}

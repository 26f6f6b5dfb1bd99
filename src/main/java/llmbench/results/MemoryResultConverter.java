package llmbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import llmbench.counters.CounterReader;
import llmbench.counters.Snapshot;
import llmbench.counters.SnapshotBook;
import llmbench.load.CaseSequence;
import llmbench.metrics.MemoryFigure;
import llmbench.timing.RequestRecord;

/**
 * Maps MemorySimulation's records to {@code bench_memory_<label>_*.json} (the seed's bench_memory.py, spec §5.5:
 * per case {@code health_before/after}; top level {@code health_initial/final}, {@code metrics_initial/final}
 * as raw Prometheus text or null), plus per case {@code memory}: the best figure available before and after the
 * request and its source ({@link MemoryFigure}), with every other source seen listed too; and at the top level
 * {@code memory_by_prompt_tokens}, one entry per case: its prompt size (measured and, for the sweep, targeted)
 * and its memory delta, the figure that compares across labels ({@code after} also holds what earlier cases left
 * in the prefix cache). A failed case's delta there is null, with its error.
 */
public final class MemoryResultConverter {
    private final List<CaseSequence.Case> cases;
    private final SnapshotBook counters;
    private final String procPath;
    private final String salt;

    /**
     * @param procPath the server process's {@code /proc/<pid>/status}, or null when no pid is known
     * @param salt     the salt line of the prompt-size cases (recorded as {@code prompt_salt})
     */
    public MemoryResultConverter(List<CaseSequence.Case> cases, SnapshotBook counters, String procPath, String salt) {
        this.cases = cases;
        this.counters = counters;
        this.procPath = procPath;
        this.salt = salt;
    }

    public ObjectNode convert(List<RequestRecord> all, RunInfo info, boolean partial, ZonedDateTime now) {
        ObjectNode root = ResultJson.header("bench_memory", info, partial, now);
        root.set("health_initial", info.healthBefore());
        root.set("health_final", info.healthAfter());
        List<CaseRows.Sent> sent = CaseRows.rows(cases, all, "test_name");
        String first = cases.get(0).name() + " before";
        ResultJson.putSnapshot(root, "metrics_initial", counters.get(first, CounterReader.PROMETHEUS));
        ResultJson.putSnapshot(root, "metrics_final", sent.isEmpty() ? null
                : counters.get(sent.get(sent.size() - 1).c().name() + " after", CounterReader.PROMETHEUS));
        String chosen = null;
        ArrayNode bySize = RecordJson.JSON.createArrayNode();
        for (CaseRows.Sent s : sent) {
            CaseRows.putCounters(s, counters, CounterReader.HEALTH, "health");
            ObjectNode memory = s.row().putObject("memory");
            List<MemoryFigure> before = figures(s.c().name() + " before");
            List<MemoryFigure> after = figures(s.c().name() + " after");
            MemoryFigure b = before.isEmpty() ? null : before.get(0);
            MemoryFigure a = after.stream().filter(f -> b != null && f.source().equals(b.source())).findFirst().orElse(null);
            if (b == null || a == null) {
                memory.putNull("source");
                memory.put("note", "not reported: no memory figure from /health, /proc, /metrics or the block pool");
            } else {
                chosen = b.source();
                memory.put("source", b.source());
                memory.put("field", b.field());
                memory.put("unit", b.unit());
                memory.put("before", b.value());
                memory.put("after", a.value());
                memory.put("delta", a.value() - b.value());
            }
            ObjectNode size = bySize.addObject();
            size.put("test_name", s.c().name());
            size.set("prompt_tokens", s.row().path("prompt_tokens").isNumber() ? s.row().get("prompt_tokens")
                    : RecordJson.JSON.nullNode());
            Object target = s.c().fields().get("target_prompt_tokens");
            if (target == null) {
                size.putNull("target_prompt_tokens");
            } else {
                size.put("target_prompt_tokens", (Integer) target);
            }
            size.set("source", memory.path("source"));
            size.set("unit", memory.has("unit") ? memory.get("unit") : RecordJson.JSON.nullNode());
            size.set("delta", s.record().succeeded() && memory.has("delta") ? memory.get("delta")
                    : RecordJson.JSON.nullNode());
            size.put("error", s.record().succeeded() ? null : s.record().error());
            var others = memory.putArray("all_sources_after");
            for (MemoryFigure f : after) {
                others.addObject().put("source", f.source()).put("field", f.field()).put("value", f.value())
                        .put("unit", f.unit());
            }
            if (procPath != null) {
                ResultJson.putSnapshot(memory, "process_after", counters.get(s.c().name() + " after", procPath));
            }
        }
        CaseRows.array(root, sent);
        root.put("memory_source", chosen);
        root.put("prompt_salt", salt);
        root.set("memory_by_prompt_tokens", bySize);
        root.put("process_status_file", procPath);
        List<RequestRecord> measured = all.stream().filter(r -> !r.labels().warmup()).toList();
        ResultCounts.put(root, all, measured);
        ResultJson.putItlDistribution(root, measured);
        return root;
    }

    private List<MemoryFigure> figures(String reading) {
        JsonNode health = Snapshot.json(counters.get(reading, CounterReader.HEALTH));
        Snapshot prom = counters.get(reading, CounterReader.PROMETHEUS);
        List<MemoryFigure> out = new ArrayList<>();
        out.add(MemoryFigure.fromHealthMemory(health));
        out.add(procPath == null ? null : MemoryFigure.fromProcess(Snapshot.json(counters.get(reading, procPath))));
        out.add(MemoryFigure.fromPrometheus(prom == null ? null : prom.text()));
        out.add(MemoryFigure.fromBlocks(health));
        out.removeIf(Objects::isNull);
        return out;
    }
}

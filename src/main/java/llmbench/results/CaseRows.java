package llmbench.results;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmbench.counters.SnapshotBook;
import llmbench.load.CaseSequence;
import llmbench.timing.RequestRecord;

/**
 * The result rows of a {@link CaseSequence} benchmark, one per case in order: the request's row
 * ({@link RequestRows}), {@code content_preview}, {@code test_name} and the case's own fields; cases not yet
 * sent (a partial file) are left out. Benchmark converters add their own keys to each row.
 */
public final class CaseRows {
    private CaseRows() {
    }

    /** A case and its record (null when the case has not run yet). */
    public record Sent(CaseSequence.Case c, RequestRecord record, ObjectNode row) {
    }

    public static List<Sent> rows(List<CaseSequence.Case> cases, List<RequestRecord> all, String nameField) {
        Map<String, RequestRecord> byName = new HashMap<>();
        for (RequestRecord r : all) {
            if (!r.labels().warmup()) {
                byName.put(r.labels().caseName(), r);
            }
        }
        return cases.stream().filter(c -> byName.containsKey(c.name())).map(c -> {
            RequestRecord r = byName.get(c.name());
            ObjectNode row = RequestRows.row(r);
            row.put("content_preview", RecordJson.preview(r.content()));
            row.put(nameField, c.name());
            c.fields().forEach((k, v) -> row.set(k, RecordJson.JSON.valueToTree(v)));
            return new Sent(c, r, row);
        }).toList();
    }

    /** Adds each row's counter readings before and after its case, as {@code <prefix>_before/_after}. */
    public static void putCounters(Sent s, SnapshotBook book, String path, String prefix) {
        ResultJson.putSnapshot(s.row(), prefix + "_before", book.get(s.c().name() + " before", path));
        ResultJson.putSnapshot(s.row(), prefix + "_after", book.get(s.c().name() + " after", path));
    }

    public static ArrayNode array(ObjectNode root, List<Sent> sent) {
        ArrayNode results = root.putArray("results");
        sent.forEach(s -> results.add(s.row()));
        return results;
    }
}

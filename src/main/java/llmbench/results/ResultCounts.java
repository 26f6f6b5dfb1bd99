package llmbench.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import llmbench.timing.RequestRecord;

/** The {@code requests} block every result has: measured, successful, failed, warm-ups left out, all failed. */
public final class ResultCounts {
    private ResultCounts() {
    }

    public static void put(ObjectNode root, List<RequestRecord> all, List<RequestRecord> measured) {
        long failed = measured.stream().filter(r -> !r.succeeded()).count();
        ObjectNode counts = root.putObject("requests");
        counts.put("measured", measured.size());
        counts.put("successful", measured.size() - failed);
        counts.put("failed", failed);
        counts.put("warmup_excluded", all.size() - measured.size());
        counts.put("all_failed", !measured.isEmpty() && failed == measured.size());
    }
}

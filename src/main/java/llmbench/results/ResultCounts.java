package llmbench.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import llmbench.metrics.PrefillFromCache;
import llmbench.metrics.TruncatedByContext;
import llmbench.timing.RequestRecord;

/**
 * The {@code requests} block every result has: measured, successful, failed, warm-ups left out, all failed; how
 * many replies reported cached prompt tokens, were served from cache ({@link PrefillFromCache}), were cut by the
 * context ({@link TruncatedByContext}), and the SSE messages that were not JSON;
 * and, from the run's {@link RecordLog.Tally}, the accounting that proves no request went missing:
 * {@code sent = measured + warmup_excluded + lost (+ in_flight in a partial file)}.
 */
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
        counts.put("cached_prompt_tokens_reported", measured.stream().filter(r -> r.cachedPrompt() != null).count());
        counts.put("served_from_cache", PrefillFromCache.servedFromCache(measured));
        counts.put("truncated_by_context", TruncatedByContext.count(measured));
        counts.put("unparsable_events", measured.stream().mapToLong(RequestRecord::unparsableEvents).sum());
    }

    /**
     * Adds the accounting to a converted result's {@code requests} block, and returns the run's error (or
     * null): requests lost, or records missing from the requests file, make the run incomplete.
     */
    public static String putAccounting(ObjectNode result, RecordLog.Tally tally) {
        ObjectNode counts = result.has("requests") ? (ObjectNode) result.get("requests") : result.putObject("requests");
        counts.put("sent", tally.sent());
        counts.put("lost", tally.lostTotal());
        if (!tally.closed()) {
            counts.put("in_flight", tally.pending());
        }
        ObjectNode reasons = counts.putObject("lost_reasons");
        tally.lostByReason().forEach(reasons::put);
        counts.put("requests_file_unwritten", tally.unwritten());
        String error = null;
        if (tally.lostTotal() > 0) {
            error = tally.lostTotal() + " of " + tally.sent() + " requests sent are in no record (see requests.lost_reasons)";
        } else if (tally.unwritten() > 0) {
            error = tally.unwritten() + " records are missing from the requests file (they are in this result)";
        }
        if (error != null) {
            result.put("error", error);
        }
        return error;
    }
}

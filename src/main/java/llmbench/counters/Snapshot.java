package llmbench.counters;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One reading of a server's own counters endpoint ({@code /health}, {@code /v1/spec_decode/metrics},
 * {@code /metrics}). When the server does not report it (no route, non-200, not JSON, no answer within the
 * timeout) {@code json} and {@code text} are null and {@code note} says why: absence is data, never a failure.
 *
 * @param epochUs    when the reply arrived (client clock)
 * @param httpStatus null when nothing answered
 * @param json       the body when it is a JSON object and the status is 200
 * @param text       the raw body of a 200 text endpoint ({@code /metrics}), else null
 */
public record Snapshot(String path, long epochUs, Integer httpStatus, JsonNode json, String text, String note) {

    public boolean reported() {
        return json != null || text != null;
    }

    /** The JSON body of a reading, null when there is no reading or it has none (counter deltas take it). */
    public static JsonNode json(Snapshot s) {
        return s == null ? null : s.json();
    }
}

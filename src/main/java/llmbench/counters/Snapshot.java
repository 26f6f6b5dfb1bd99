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

    /** A number at a dotted path inside the JSON body ({@code cache_stats.cache_hits_block}), else null. */
    public Double number(String dottedPath) {
        if (json == null) {
            return null;
        }
        JsonNode n = json;
        for (String part : dottedPath.split("\\.")) {
            n = n.path(part);
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        return n.isBoolean() ? Double.valueOf(n.asBoolean() ? 1.0 : 0.0) : null;
    }

    /** Numeric change of a counter between two snapshots, or null when either does not report it. */
    public static Double delta(Snapshot before, Snapshot after, String dottedPath) {
        if (before == null || after == null) {
            return null;
        }
        Double b = before.number(dottedPath);
        Double a = after.number(dottedPath);
        return a == null || b == null ? null : a - b;
    }
}

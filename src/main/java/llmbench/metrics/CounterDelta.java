package llmbench.metrics;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The change of one of a server's cumulative counters between two readings of its JSON endpoint (after −
 * before, at a dotted path such as {@code cache_stats.cache_hits_block}): a counter read around a stretch of
 * requests isolates that stretch from earlier traffic. Null when either reading is missing or does not carry
 * the counter as a number: absence is data, and nothing is estimated.
 */
public final class CounterDelta {
    private CounterDelta() {
    }

    public static Double of(JsonNode before, JsonNode after, String dottedPath) {
        Double b = number(before, dottedPath);
        Double a = number(after, dottedPath);
        return a == null || b == null ? null : a - b;
    }

    private static Double number(JsonNode json, String dottedPath) {
        if (json == null) {
            return null;
        }
        JsonNode n = json;
        for (String part : dottedPath.split("\\.")) {
            n = n.path(part);
        }
        return n.isNumber() ? Double.valueOf(n.asDouble()) : null;
    }
}

package llmbench.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One memory figure of a server and where it came from. Sources, best first:
 * <ol>
 *   <li>{@code health.memory}: the server's own memory report in /health (the first numeric field of its
 *       {@code memory} object whose name ends in {@code _bytes} and mentions used, rss, active or allocated);</li>
 *   <li>{@code process_rss}: the server process's resident set ({@code /proc/<pid>/status} VmRSS);</li>
 *   <li>{@code prometheus}: {@code process_resident_memory_bytes} in /metrics;</li>
 *   <li>{@code health.blocks}: the seed's KV block pool, {@code cache_stats.used_blocks} (blocks, not bytes).</li>
 * </ol>
 */
public record MemoryFigure(String source, String field, double value, String unit) {
    private static final Pattern PROM_RSS = Pattern.compile("(?m)^process_resident_memory_bytes(?:\\{[^}]*})?\\s+([0-9.eE+]+)");

    public static MemoryFigure fromHealthMemory(JsonNode health) {
        JsonNode memory = health == null ? null : health.get("memory");
        if (memory == null || !memory.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> it = memory.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (e.getValue().isNumber() && k.endsWith("_bytes")
                    && (k.contains("used") || k.contains("rss") || k.contains("active") || k.contains("allocated"))) {
                return new MemoryFigure("health.memory", "memory." + k, e.getValue().asDouble(), "bytes");
            }
        }
        return null;
    }

    public static MemoryFigure fromProcess(JsonNode proc) {
        return proc == null || !proc.path("vm_rss_bytes").isNumber() ? null
                : new MemoryFigure("process_rss", "VmRSS", proc.path("vm_rss_bytes").asDouble(), "bytes");
    }

    public static MemoryFigure fromPrometheus(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PROM_RSS.matcher(text);
        return m.find() ? new MemoryFigure("prometheus", "process_resident_memory_bytes", Double.parseDouble(m.group(1)),
                "bytes") : null;
    }

    public static MemoryFigure fromBlocks(JsonNode health) {
        JsonNode used = health == null ? null : health.path("cache_stats").get("used_blocks");
        return used == null || !used.isNumber() ? null
                : new MemoryFigure("health.blocks", "cache_stats.used_blocks", used.asDouble(), "blocks");
    }
}

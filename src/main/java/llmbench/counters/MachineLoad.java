package llmbench.counters;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The load generator's machine load (Linux {@code /proc/loadavg}: runnable and uninterruptible tasks averaged
 * over 1, 5 and 15 minutes) and its processor count, so a reader of a result file can tell a quiet run from
 * one that shared its cores: a load above the processor count means work was waiting for a core, and client
 * stamps taken then are late. Elsewhere the reading is a note instead of numbers.
 */
public final class MachineLoad {
    static final String PATH = "/proc/loadavg";

    private MachineLoad() {
    }

    public static ObjectNode now() {
        return read(Path.of(PATH), Runtime.getRuntime().availableProcessors());
    }

    static ObjectNode read(Path file, int cpus) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("cpus", cpus);
        try {
            String[] f = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
            o.put("load_1m", Double.parseDouble(f[0]));
            o.put("load_5m", Double.parseDouble(f[1]));
            o.put("load_15m", Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            o.put("note", "load average not reported: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        return o;
    }
}

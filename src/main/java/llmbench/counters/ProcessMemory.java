package llmbench.counters;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import llmbench.clock.EpochClock;

/**
 * A process's resident memory on Linux, from {@code /proc/<pid>/status} ({@code VmRSS}, {@code VmHWM}: kB in
 * the file, bytes here). Elsewhere, or for a process that is gone, the reading says "not reported".
 */
public final class ProcessMemory {
    public static final String PATH_PREFIX = "/proc/";

    private ProcessMemory() {
    }

    public static String path(long pid) {
        return PATH_PREFIX + pid + "/status";
    }

    static Snapshot read(String path) {
        try {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (String line : Files.readAllLines(Path.of(path), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    o.put("vm_rss_bytes", kb(line) * 1024L);
                } else if (line.startsWith("VmHWM:")) {
                    o.put("vm_hwm_bytes", kb(line) * 1024L);
                }
            }
            if (!o.has("vm_rss_bytes")) {
                return CounterReader.notReported(path, null, "no VmRSS line");
            }
            return new Snapshot(path, EpochClock.nowMicros(), null, o, null, null);
        } catch (IOException | RuntimeException e) {
            return CounterReader.notReported(path, null, "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}

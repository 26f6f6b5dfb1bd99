package llmbench.lifecycle.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Memory as the operating system reports it, in MiB. System figure: Linux {@code MemTotal − MemAvailable}
 * from /proc/meminfo; macOS "Pages wired down" of {@code vm_stat} × page size (the seed's figure). Server
 * figure: resident set of a process and all its descendants (Linux VmRSS from /proc/&lt;pid&gt;/status,
 * macOS {@code ps -o rss=}).
 */
public final class OsMemory {
    private static final Pattern VM_STAT_PAGE = Pattern.compile("page size of (\\d+) bytes");
    private static final Pattern VM_STAT_WIRED = Pattern.compile("Pages wired down:\\s+(\\d+)");
    private final boolean linux;

    private OsMemory(boolean linux) {
        this.linux = linux;
    }

    public static OsMemory detect() {
        return new OsMemory(Files.isReadable(Path.of("/proc/meminfo")));
    }

    public String systemFigure() {
        return linux ? "linux /proc/meminfo MemTotal - MemAvailable" : "macOS vm_stat pages wired down";
    }

    public String processFigure() {
        return linux ? "linux /proc/<pid>/status VmRSS, process and descendants" : "ps -o rss=, process and descendants";
    }

    /** System memory in use, MiB; empty when it cannot be read. */
    public OptionalDouble systemUsedMb() {
        try {
            if (linux) {
                return parseMeminfoUsedMb(Files.readString(Path.of("/proc/meminfo")));
            }
            return parseVmStatWiredMb(run("vm_stat"));
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    /** Resident memory of pid and its descendants, MiB; empty when the process is gone. */
    public OptionalDouble processTreeRssMb(long pid) {
        ProcessHandle root = ProcessHandle.of(pid).orElse(null);
        if (root == null || !root.isAlive()) {
            return OptionalDouble.empty();
        }
        double kb = 0;
        boolean any = false;
        for (ProcessHandle p : Stream.concat(Stream.of(root), root.descendants()).toList()) {
            OptionalDouble one = rssKb(p.pid());
            if (one.isPresent()) {
                kb += one.getAsDouble();
                any = true;
            }
        }
        return any ? OptionalDouble.of(kb / 1024.0) : OptionalDouble.empty();
    }

    private OptionalDouble rssKb(long pid) {
        try {
            if (linux) {
                return parseVmRssKb(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            }
            String out = run("ps", "-o", "rss=", "-p", Long.toString(pid)).strip();
            return out.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(out));
        } catch (IOException | NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    static OptionalDouble parseMeminfoUsedMb(String meminfo) {
        Long total = null;
        Long available = null;
        for (String line : meminfo.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("MemTotal:")) {
                total = Long.parseLong(f[1]);
            } else if (f.length >= 2 && f[0].equals("MemAvailable:")) {
                available = Long.parseLong(f[1]);
            }
        }
        return total == null || available == null ? OptionalDouble.empty() : OptionalDouble.of((total - available) / 1024.0);
    }

    static OptionalDouble parseVmRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return OptionalDouble.of(Double.parseDouble(line.substring(6).trim().split("\\s+")[0]));
            }
        }
        return OptionalDouble.empty();   // kernel threads and zombies have none
    }

    static OptionalDouble parseVmStatWiredMb(String vmStat) {
        Matcher page = VM_STAT_PAGE.matcher(vmStat);
        Matcher wired = VM_STAT_WIRED.matcher(vmStat);
        if (!page.find() || !wired.find()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Long.parseLong(wired.group(1)) * Long.parseLong(page.group(1)) / (1024.0 * 1024.0));
    }

    private static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}

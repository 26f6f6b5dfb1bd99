package llmbench.lifecycle.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The live heap of a JVM server: {@code jcmd <pid> GC.class_histogram}, which forces a full collection and then
 * counts only reachable objects; its {@code Total} line's byte count is the live set. Unlike the resident set,
 * it does not move when the JVM sizes its heap, so a leak-free JVM shows the same figure round after round and
 * a leak shows as the bytes it retains. Not a JVM (or jcmd cannot attach): empty.
 */
final class LiveHeap {
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private final Path jcmd;

    LiveHeap(Path jcmd) {
        this.jcmd = jcmd;
    }

    /** jcmd of the JDK running the harness (servers the launchers start use the same {@code java}). */
    static LiveHeap ofThisJdk() {
        return new LiveHeap(Path.of(System.getProperty("java.home"), "bin", "jcmd"));
    }

    /** Live heap in MiB of the first JVM among {@code pid} and its descendants, after a forced full GC. */
    OptionalDouble mb(long pid) {
        if (pid <= 0) {
            return OptionalDouble.empty();
        }
        // Only processes whose executable is java are asked: jcmd waits seconds for any other to attach.
        return ProcessHandle.of(pid).stream().flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
                .filter(h -> h.info().command().map(c -> Path.of(c).getFileName().toString().equals("java")).orElse(true))
                .mapToLong(ProcessHandle::pid)
                .mapToObj(this::histogramTotalMb)
                .filter(OptionalDouble::isPresent)
                .findFirst().orElse(OptionalDouble.empty());
    }

    private OptionalDouble histogramTotalMb(long pid) {
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return OptionalDouble.empty();
            }
            return totalMb(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /** The {@code Total <instances> <bytes>} line of a class histogram, in MiB. */
    static OptionalDouble totalMb(String histogram) {
        Matcher m = TOTAL.matcher(histogram);
        return m.find() ? OptionalDouble.of(Long.parseLong(m.group(1)) / (1024.0 * 1024.0)) : OptionalDouble.empty();
    }
}

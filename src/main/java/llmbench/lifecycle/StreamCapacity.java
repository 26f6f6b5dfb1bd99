package llmbench.lifecycle;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import llmbench.config.BadInputException;
import llmbench.config.BenchOptions;

/**
 * Whether a run's largest number of simultaneous streams can work at all, checked before anything starts:
 * every stream holds one socket (two when the embedded server runs in this JVM: its end too), which must fit
 * under the process's open-file limit beside the files already open; and the embedded reference server
 * accepts no more requests at once than its queue holds (the rest would get HTTP 503 queue full).
 */
public final class StreamCapacity {
    /** Files the run opens beside its streams: result files, Gatling's log, Netty's event loops, headroom. */
    static final int OTHER_FILES = 128;

    private StreamCapacity() {
    }

    /**
     * @param option the option that sets the number, named in the message (e.g. concurrency.levels)
     * @return {@code streams}, when they fit
     */
    public static int checked(String option, int streams, BenchOptions options) {
        boolean embedded = options.targetUrl() == null;
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            require(option, streams, embedded, unix.getMaxFileDescriptorCount(), unix.getOpenFileDescriptorCount());
        }
        if (embedded) {
            requireQueue(option, streams, TargetResolver.EMBEDDED_QUEUE);
        }
        return streams;
    }

    static void require(String option, int streams, boolean embedded, long maxFiles, long openFiles) {
        long needed = openFiles + (long) streams * (embedded ? 2 : 1) + OTHER_FILES;
        if (needed > maxFiles) {
            throw new BadInputException(String.format(java.util.Locale.ROOT, "%s: %,d streams at once need about "
                    + "%,d open files (%s), but this process may open %,d; raise the limit (ulimit -n %d, before "
                    + "mvn) or ask for fewer streams", option, streams, needed,
                    embedded ? "2 per stream with the embedded server" : "1 per stream", maxFiles, needed));
        }
    }

    static void requireQueue(String option, int streams, int queue) {
        if (streams > queue) {
            throw new BadInputException(String.format(java.util.Locale.ROOT, "%s: %,d streams at once exceed the "
                    + "embedded reference server's queue (%d requests; more are refused with HTTP 503); ask for "
                    + "at most %d, or measure a server of your own with -Dtarget.url", option, streams, queue, queue));
        }
    }
}

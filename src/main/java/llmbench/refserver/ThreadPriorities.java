package llmbench.refserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Raises or lowers the CPU priority of named threads of this process, for {@code --realtime-priority} and
 * {@code --nice}.
 *
 * <p>{@link #realtime}: puts the threads that keep the token schedule under SCHED_FIFO, so a thread that wakes for a step's end
 * gets a core at once instead of waiting behind other processes: on a shared 2-vCPU machine a woken thread at
 * normal priority waited up to 14–22 ms (p99), under SCHED_FIFO 0 µs (BENCHMARKS.md, reference server
 * streams). The caller names them: the step loop, the event loops, and the JVM's VM and stop-the-world GC
 * threads (a safepoint or GC pause stops the step loop as well; without them, 1,024 streams still saw
 * 20 ms p99). The JIT, the concurrent GC threads and the API workers keep normal priority, as do GC workers
 * the JVM adds later ({@code -XX:-UseDynamicNumberOfGCThreads} starts them all at once).
 *
 * <p>Linux only: threads are found by name in {@code /proc/self/task/<tid>/comm} (the kernel keeps the first
 * 15 characters of a Java thread's name) and moved with util-linux's
 * {@code chrt -f --reset-on-fork -p <priority> <tid>}, which needs CAP_SYS_NICE (e.g. root). Reset-on-fork:
 * a thread these threads create (an API worker started by an event loop's first hand-off, say) starts at
 * normal priority instead of inheriting SCHED_FIFO. Any failure is an {@link IllegalArgumentException} naming the
 * flag, so the server refuses to start rather than run without what was asked for.
 *
 * <p>{@link #nice}: the opposite, for a server that shares its machine's cores with the load generator measuring
 * it (the embedded server shares its JVM): the server's threads at a higher niceness, so a client thread woken by
 * what the server wrote gets a core first, and its stamps stay true (BENCHMARKS.md, "The shared cores"). Linux
 * keeps a niceness per thread; {@code renice <n> -p <tid>} sets it (raising it needs no privilege), and threads the
 * server's threads create later (API workers, event loops' helpers) inherit it.
 */
final class ThreadPriorities {
    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadPriorities() {
    }

    /**
     * Moves every thread of this process whose name starts with one of {@code namePrefixes} to SCHED_FIFO at
     * {@code priority}; returns how many.
     */
    static int realtime(int priority, List<String> namePrefixes) {
        String flag = "--realtime-priority " + priority;
        List<String> tids = existing(flag, namePrefixes);
        for (String tid : tids) {
            run(flag, List.of("chrt", "-f", "--reset-on-fork", "-p", String.valueOf(priority), tid)); // one thread per call
        }
        return tids.size();
    }

    /**
     * Sets the niceness of every thread of this process whose name starts with one of {@code namePrefixes} to
     * {@code niceness} (0..19); returns how many.
     */
    static int nice(int niceness, List<String> namePrefixes) {
        String flag = "--nice " + niceness;
        List<String> tids = existing(flag, namePrefixes);
        List<String> command = new ArrayList<>(List.of("renice", String.valueOf(niceness), "-p"));
        command.addAll(tids); // renice takes them all at once
        run(flag, command);
        return tids.size();
    }

    private static List<String> existing(String flag, List<String> namePrefixes) {
        List<String> tids;
        try {
            tids = threadsNamed(namePrefixes);
        } catch (IOException | UnsupportedOperationException e) {
            throw refused(flag, "cannot list this process's threads in " + TASKS + " (not Linux?)");
        }
        if (tids.isEmpty()) {
            throw refused(flag, "no thread named " + namePrefixes + " found");
        }
        return tids;
    }

    /**
     * Puts the named threads back to normal priority (SCHED_OTHER) as far as possible: for threads that
     * outlive the server, such as the JVM's VM and GC threads of an embedding JVM. Failures are ignored.
     */
    static void restore(List<String> namePrefixes) {
        List<String> tids;
        try {
            tids = threadsNamed(namePrefixes);
        } catch (IOException | UnsupportedOperationException notLinux) {
            return; // nothing was changed
        }
        for (String tid : tids) {
            try {
                run("--realtime-priority", List.of("chrt", "-o", "-p", "0", tid));
            } catch (IllegalArgumentException ignored) {
                // best effort: the server is closing
            }
        }
    }

    /** The ids of this process's threads whose name starts with one of {@code namePrefixes}. */
    private static List<String> threadsNamed(List<String> namePrefixes) throws IOException {
        List<String> tids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name = readName(task);
                if (name != null && namePrefixes.stream().anyMatch(name::startsWith)) {
                    tids.add(task.getFileName().toString());
                }
            }
        }
        return tids;
    }

    private static String readName(Path task) {
        try {
            return Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null; // the thread ended meanwhile
        }
    }

    private static void run(String flag, List<String> command) {
        String tool = command.get(0);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw refused(flag, "cannot run " + tool + " (util-linux): " + e.getMessage());
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw refused(flag, tool + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw refused(flag, out.isEmpty() ? tool + " exited with status " + p.exitValue() : out);
            }
        } catch (IOException e) {
            throw refused(flag, tool + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused(flag, "interrupted");
        }
    }

    private static IllegalArgumentException refused(String flag, String why) {
        return new IllegalArgumentException(flag + " not applied: " + why);
    }
}

package llmbench.refserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Fields of {@code /proc/self/task/<tid>/stat} of this JVM's threads, by thread name (Linux). */
final class ThreadStat {
    private ThreadStat() {
    }

    /**
     * Field {@code number} (1-based, as proc(5) counts them; 3 or more) of every thread whose name starts with
     * {@code namePrefix}: 19 is the niceness, 41 the scheduling policy.
     */
    static List<String> field(String namePrefix, int number) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name;
                String stat;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended meanwhile
                }
                if (name.startsWith(namePrefix)) {
                    out.add(afterName(stat)[number - 3]);
                }
            }
        }
        return out;
    }

    /** Field {@code number} of the process's own stat (its first thread's). */
    static String ofProcess(int number) throws IOException {
        return afterName(Files.readString(Path.of("/proc/self/stat")))[number - 3];
    }

    /** The fields after the ")" that closes the command name (which may hold spaces): field 3 onwards. */
    private static String[] afterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}

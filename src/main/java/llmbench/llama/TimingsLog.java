package llmbench.llama;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads llama.cpp's per-request timings from its server log file. The Java bindings (4.2.0) hand back only
 * the text of each token, not the {@code timings} object of the final result, but the native server logs the
 * same numbers when a slot releases a request:
 *
 * <pre>
 * slot update_slots: id  0 | task 7 | kv cache rm [3, end)          (3 = prompt tokens reused from cache)
 * slot print_timing: id  0 | task 7 |
 * prompt eval time =       2.20 ms /     5 tokens (...)
 *        eval time =      18.96 ms /    20 tokens (...)
 * </pre>
 *
 * The log is written by an asynchronous logger thread, so {@link #await} polls the file for a short while.
 * Lines are matched by task id, which is unique per loaded model.
 */
final class TimingsLog {

    private static final Pattern CACHE = Pattern.compile("\\| task (\\d+) \\| kv cache rm \\[(\\d+), end\\)");
    private static final Pattern TIMING = Pattern.compile(
            "print_timing: id\\s+\\d+ \\| task (\\d+) \\|\\s*\\n\\s*prompt eval time =\\s*([0-9.]+) ms /\\s*(\\d+) tokens[^\\n]*\\n"
                    + "\\s*eval time =\\s*([0-9.]+) ms /\\s*(\\d+) tokens");
    private static final int KEEP_TAIL_CHARS = 8192;

    private final Path file;
    private long offset;
    private final StringBuilder pending = new StringBuilder();
    private final Map<Integer, Integer> cachedByTask = new HashMap<>();
    private final Map<Integer, EngineTimings> timingsByTask = new HashMap<>();

    TimingsLog(Path file) {
        this.file = file;
    }

    /** The timings of {@code taskId}, waiting up to {@code timeoutMillis} for the logger to write them; else null. */
    EngineTimings await(int taskId, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            EngineTimings found = take(taskId);
            if (found != null || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private synchronized EngineTimings take(int taskId) {
        EngineTimings t = timingsByTask.remove(taskId);
        if (t == null) {
            readNew();
            t = timingsByTask.remove(taskId);
        }
        if (t != null) {
            cachedByTask.remove(taskId);
        }
        return t;
    }

    private void readNew() {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length <= offset) {
                return;
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 24)];
            raf.seek(offset);
            raf.readFully(bytes);
            offset += bytes.length;
            pending.append(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return;
        }
        Matcher cache = CACHE.matcher(pending);
        while (cache.find()) {
            cachedByTask.put(Integer.parseInt(cache.group(1)), Integer.parseInt(cache.group(2)));
        }
        Matcher timing = TIMING.matcher(pending);
        int consumed = 0;
        while (timing.find()) {
            int task = Integer.parseInt(timing.group(1));
            timingsByTask.put(task, new EngineTimings(
                    Double.parseDouble(timing.group(2)), Integer.parseInt(timing.group(3)),
                    Double.parseDouble(timing.group(4)), Integer.parseInt(timing.group(5)),
                    cachedByTask.getOrDefault(task, 0)));
            consumed = timing.end();
        }
        // Keep an unfinished block (the logger may be mid-write) and recent cache lines for the next read.
        pending.delete(0, Math.max(consumed, pending.length() - KEEP_TAIL_CHARS));
    }
}

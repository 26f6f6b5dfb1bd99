package llmbench.run;

import java.io.PrintStream;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import llmbench.metrics.WallClockRates;
import llmbench.timing.RequestRecord;

/**
 * One console line per phase of a run (a case and run: {@code batch k=3 run 1}, {@code concurrency 5}, a
 * single case), printed when the next phase's first record arrives or the run ends, e.g.
 * {@code batch k=3 run 1: 3 streams done (0 failed), 1,234 tok/s}; a phase still going after
 * {@link #STILL_GOING_S} seconds gets a "so far" line. tok/s is the phase's
 * {@link WallClockRates#throughputTokS()}. Reads the stored records once a second on a daemon thread.
 */
final class PhaseProgress {
    static final int STILL_GOING_S = 15;

    private final Supplier<List<RequestRecord>> records;
    private final PrintStream out;
    private final List<RequestRecord> phase = new ArrayList<>();
    private String phaseKey;
    private int seen;
    private long phaseLinePrintedNanos = System.nanoTime();
    private Thread thread;

    PhaseProgress(Supplier<List<RequestRecord>> records, PrintStream out) {
        this.records = records;
        this.out = out;
    }

    void start() {
        thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    poll(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "benchmark-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and prints the last phase's line. */
    void finish() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        poll(true);
    }

    synchronized void poll(boolean last) {
        List<RequestRecord> all = records.get();
        for (int i = seen; i < all.size(); i++) {
            RequestRecord r = all.get(i);
            String key = keyOf(r);
            if (!key.equals(phaseKey) && !phase.isEmpty()) {
                out.println(line(phaseKey, phase, ""));
                phase.clear();
                phaseLinePrintedNanos = System.nanoTime();
            }
            phaseKey = key;
            phase.add(r);
        }
        seen = all.size();
        if (phase.isEmpty()) {
            return;
        }
        if (last) {
            out.println(line(phaseKey, phase, ""));
            phase.clear();
        } else if (System.nanoTime() - phaseLinePrintedNanos > STILL_GOING_S * 1_000_000_000L) {
            out.println(line(phaseKey, phase, " so far"));
            phaseLinePrintedNanos = System.nanoTime();
        }
    }

    static String keyOf(RequestRecord r) {
        String c = Objects.requireNonNullElse(r.labels().caseName(), "?");
        if (r.labels().warmup()) {
            return "warm-up";
        }
        return r.labels().caseName() != null && c.startsWith("batch k=") ? c + " run " + r.labels().run() : c;
    }

    static String line(String key, List<RequestRecord> phase, String qualifier) {
        WallClockRates w = WallClockRates.of(phase);
        boolean streams = phase.stream().allMatch(RequestRecord::streamed);
        String noun = (streams ? "stream" : "request") + (phase.size() == 1 ? "" : "s");
        // a batch run's size is its k: "batch k=3 run 1: 2/3 streams done so far"
        String of = key.startsWith("batch k=") ? "/" + llmbench.load.BatchCase.k(key.substring(0, key.indexOf(" run "))) : "";
        return "gatling-llm-bench: " + key + ": " + phase.size() + of + " " + noun + " done" + qualifier + " ("
                + w.failed() + " failed), " + NumberFormat.getIntegerInstance(Locale.ROOT).format(
                Math.round(w.throughputTokS())) + " tok/s";
    }
}

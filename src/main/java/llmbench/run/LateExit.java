package llmbench.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Errors a run finds after Gatling has judged it (in {@code after()}: lost requests, a result that could not be
 * written, failed requests above the allowed share, a target that went away). Gatling's exit status cannot carry
 * them, so the JVM's last act is to print them and end with the status of the first error other than an SLO miss
 * (2, "assertions failed" to the Maven plugin, only when nothing else went wrong; 3 is bad input): the report is still generated, the build still
 * fails, and our line is the last one the forked JVM prints. The run's console summary ({@link #atEnd}) is
 * printed by the same last act, just before the errors, so it follows Gatling's own end-of-run output.
 */
final class LateExit {
    /** Requests in no record, or a result that could not be written. */
    static final int INCOMPLETE_RUN_EXIT = 4;
    /** Every measured request failed, or more than {@code max.error.rate} of them. */
    static final int FAILED_REQUESTS_EXIT = 5;
    /** The target stopped answering during the run: only the partial file holds what was measured. */
    static final int TARGET_LOST_EXIT = 6;
    /**
     * A run that missed its {@code -Dslo}: 2, which the Maven plugin reads as "assertions failed" — what an SLO
     * miss is. Any other error's status wins over it.
     */
    static final int SLO_MISSED_EXIT = 2;

    private static final List<String> ERRORS = new CopyOnWriteArrayList<>();
    private static final List<String> SUMMARY = new CopyOnWriteArrayList<>();
    private static int status;
    private static boolean hooked;

    private LateExit() {
    }

    static void fail(String line) {
        fail(line, INCOMPLETE_RUN_EXIT);
    }

    static synchronized void fail(String line, int exitStatus) {
        if (!hook()) {
            // the JVM is already ending (Ctrl-C, a crash): there is no later status to set; the line is printed now
            System.err.println("gatling-llm-bench: error: " + line);
            return;
        }
        if (ERRORS.isEmpty() || status == SLO_MISSED_EXIT && exitStatus != SLO_MISSED_EXIT) {
            status = exitStatus;
        }
        ERRORS.add(line);
    }

    /** An SLO miss: printed last with the other errors; the JVM ends with {@link #SLO_MISSED_EXIT} unless another error's status wins. */
    static void sloMissed(String line) {
        fail(line, SLO_MISSED_EXIT);
    }

    /** Lines printed when the JVM ends (after Gatling's report), before any error line. */
    static synchronized void atEnd(List<String> lines) {
        if (hook()) {
            SUMMARY.addAll(lines);
        } else {
            lines.forEach(System.out::println);
        }
    }

    private static boolean hook() {
        if (hooked) {
            return true;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(LateExit::lastAct, "benchmark-exit-status"));
            hooked = true;
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private static void lastAct() {
        for (String s : SUMMARY) {
            System.out.println(s);
        }
        System.out.flush();
        if (ERRORS.isEmpty()) {
            return;
        }
        for (String e : ERRORS) {
            System.err.println("gatling-llm-bench: error: " + e);
        }
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }
}

package llmbench.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Errors a run finds after Gatling has judged it (in {@code after()}: lost requests, a result that could not be
 * written). Gatling's exit status cannot carry them, so the JVM's last act is to print them and end with
 * {@link #INCOMPLETE_RUN_EXIT} (2 would read as "assertions failed" to the Maven plugin; 3 is bad input): the report is still generated, the build still fails, and our line is the last
 * one the forked JVM prints.
 */
final class LateExit {
    static final int INCOMPLETE_RUN_EXIT = 4;
    /**
     * A run that missed its {@code -Dslo}: 2, which the Maven plugin reads as "assertions
     * failed" — what an SLO miss is. An incomplete run's 4 wins when both happen.
     */
    static final int SLO_MISSED_EXIT = 2;

    private static final List<String> ERRORS = new CopyOnWriteArrayList<>();
    private static volatile boolean incomplete;

    private LateExit() {
    }

    static synchronized void fail(String line) {
        incomplete = true;
        add(line);
    }

    /** An SLO miss: the line is printed now and again last; the JVM ends with {@link #SLO_MISSED_EXIT}. */
    static synchronized void sloMissed(String line) {
        add(line);
    }

    private static void add(String line) {
        System.err.println("gatling-llm-bench: error: " + line);
        if (ERRORS.isEmpty()) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(LateExit::haltWithErrors, "benchmark-exit-status"));
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already ending (Ctrl-C, a crash): there is no later status to set; the line is printed.
                return;
            }
        }
        ERRORS.add(line);
    }

    private static void haltWithErrors() {
        for (String e : ERRORS) {
            System.err.println("gatling-llm-bench: error: " + e);
        }
        System.err.flush();
        System.out.flush();
        Runtime.getRuntime().halt(incomplete ? INCOMPLETE_RUN_EXIT : SLO_MISSED_EXIT);
    }
}

package llmbench.run;

import java.util.function.Supplier;
import llmbench.config.BadInputException;

/**
 * Ends the JVM with one readable line for input the user can fix. Gatling would otherwise print a stack
 * trace for an exception thrown while building a simulation; a forked Gatling JVM (Maven plugin) reports
 * the non-zero exit and the build fails.
 */
public final class Fatal {
    /**
     * Not 2: the Gatling Maven plugin (4.21) reads a forked JVM's exit status 2 as Gatling's "assertions
     * failed" and says so after our line; any other status is reported as "Gatling failed".
     */
    public static final int BAD_INPUT_EXIT = 3;

    private Fatal() {
    }

    public static <T> T orExit(Supplier<T> step) {
        try {
            return step.get();
        } catch (BadInputException e) {
            System.err.println("gatling-llm-bench: error: " + e.getMessage());
            System.err.flush();
            System.exit(BAD_INPUT_EXIT);
            throw e;
        }
    }
}

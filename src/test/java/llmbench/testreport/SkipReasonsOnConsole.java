package llmbench.testreport;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints one line per skipped (disabled) or aborted (failed assumption) test or test class, with the reason:
 * {@code SKIPPED <Class.method>: <reason>}. A class aborted in {@code @BeforeAll} is printed too, so no class
 * can vanish with "Tests run: 0" and no word.
 */
public final class SkipReasonsOnConsole implements TestExecutionListener {

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        print(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            print(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted, no reason given"));
        }
    }

    private static String name(TestSource source) {
        if (source instanceof MethodSource m) {
            return m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1) + "." + m.getMethodName();
        }
        if (source instanceof ClassSource c) {
            return c.getClassName().substring(c.getClassName().lastIndexOf('.') + 1);
        }
        return source.toString();
    }

    private static void print(TestIdentifier test, String reason) {
        String where = test.getSource().map(SkipReasonsOnConsole::name).orElse(test.getDisplayName());
        System.out.println("SKIPPED " + where + ": " + reason);
    }
}

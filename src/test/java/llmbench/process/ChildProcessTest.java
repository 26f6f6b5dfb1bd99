package llmbench.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChildProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private static Process bash(String script) throws IOException {
        return new ProcessBuilder("bash", "-c", script).start();
    }

    @Test
    void awaitExitIsTrueForAProcessThatEndsInTime() throws Exception {
        assertTrue(ChildProcess.awaitExit(bash("exit 3"), Duration.ofSeconds(10)));
    }

    @Test
    void awaitExitKillsTheProcessAndItsChildrenPastTheTimeout() throws Exception {
        Process p = bash("sleep 30 & sleep 30; wait");
        Thread.sleep(200); // let bash start its children
        List<ProcessHandle> children = p.descendants().toList();
        assertFalse(ChildProcess.awaitExit(p, Duration.ofMillis(100)));
        assertTrue(p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS));
        for (ProcessHandle c : children) {
            c.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(c.isAlive());
        }
    }

    @Test
    void stopKillsAProcessThatIgnoresSigterm() throws Exception {
        Process p = bash("trap '' TERM; echo ready; sleep 30 & wait; sleep 30");
        assertTrue(ChildProcess.awaitLine(p, Pattern.compile("ready"), Duration.ofSeconds(10), "t-out") != null);
        long start = System.nanoTime();
        ChildProcess.stop(p, Duration.ofMillis(300));
        assertFalse(p.isAlive());
        assertTrue(System.nanoTime() - start >= 300_000_000L, "waited the grace period before SIGKILL");
    }

    @Test
    void awaitLineReturnsTheFirstMatchingLine() throws Exception {
        Process p = bash("echo starting; echo 'Reference server listening on http://127.0.0.1:4242 (model m)'; sleep 5");
        Matcher m = ChildProcess.awaitLine(p, LISTENING, Duration.ofSeconds(10), "t-out");
        assertEquals("http://127.0.0.1:4242", m.group(1));
        ChildProcess.stop(p, Duration.ofSeconds(5));
    }

    @Test
    void awaitLineIsNullWhenTheOutputEndsWithoutAMatch() throws Exception {
        assertNull(ChildProcess.awaitLine(bash("echo nothing here"), LISTENING, Duration.ofSeconds(10), "t-out"));
    }

    @Test
    void awaitLineIsNullWhenNoMatchArrivesInTime() throws Exception {
        Process p = bash("sleep 30");
        assertNull(ChildProcess.awaitLine(p, LISTENING, Duration.ofMillis(200), "t-out"));
        ChildProcess.kill(p);
    }
}

package llmbench.lifecycle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import llmbench.config.BadInputException;
import org.junit.jupiter.api.Test;

/** An unreachable target is reported with the true reason, not always as "connection refused". */
class ServerProbeReasonsTest {
    private static String refusal(String url) {
        return assertThrows(BadInputException.class,
                () -> new ServerProbe(URI.create(url), null, Duration.ofSeconds(2)).requireReachable()).getMessage();
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String m = refusal("http://127.0.0.1:" + port);
        assertTrue(m.endsWith("is not reachable: connection refused (nothing listens on port " + port + ")"), m);
    }

    @Test
    void anUnroutableHostIsNotConnectionRefused() {
        // TEST-NET-1 (RFC 5737): never routed; depending on the network it times out or is unreachable.
        // Some sandboxes answer every outside connect with a reset: there "refused" is the truth.
        boolean resetHere;
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("192.0.2.1", 8080), 2000);
            resetHere = true;
        } catch (java.net.ConnectException e) {
            resetHere = e.getMessage() != null && e.getMessage().contains("refused");
        } catch (java.io.IOException e) {
            resetHere = false;
        }
        if (resetHere) {
            System.out.println("ServerProbeReasonsTest: this network refuses connects to 192.0.2.1 itself; skipped");
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(resetHere, "this network refuses connects to 192.0.2.1 itself");
        String m = refusal("http://192.0.2.1:8080");
        assertFalse(m.contains("refused"), m);
        assertTrue(m.contains("timeout") || m.contains("unreachable") || m.contains("no route"), m);
    }

    @Test
    void anUnknownHostIsNamedAsSuch() {
        String m = refusal("http://no-such-host.invalid:8080");
        assertTrue(m.endsWith("is not reachable: unknown host no-such-host.invalid"), m);
    }
}

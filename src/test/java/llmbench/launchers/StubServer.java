package llmbench.launchers;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A misbehaving server for the launch and stop scripts: answers {@code GET /health} with 200 on a loopback
 * port, and on request ignores SIGTERM ({@code --ignore-term}) or dies before it ever answers
 * ({@code --exit-after-ms N --exit-code C}).
 */
public final class StubServer {
    private StubServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        boolean ignoreTerm = false;
        long exitAfterMs = -1;
        int exitCode = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--ignore-term" -> ignoreTerm = true;
                case "--exit-after-ms" -> exitAfterMs = Long.parseLong(args[++i]);
                case "--exit-code" -> exitCode = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (ignoreTerm) {
            // Replaces the JVM's own TERM handler (which would run shutdown hooks and exit) with nothing.
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), sig -> System.out.println("stub: SIGTERM ignored"));
        }
        if (exitAfterMs >= 0) {
            System.out.println("stub: loading, will die in " + exitAfterMs + " ms");
            Thread.sleep(exitAfterMs);
            System.out.println("stub: fatal: simulated crash during load");
            System.exit(exitCode);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // client went away
            }
        });
        server.start();
        System.out.println("stub: listening on " + server.getAddress().getPort());
    }
}

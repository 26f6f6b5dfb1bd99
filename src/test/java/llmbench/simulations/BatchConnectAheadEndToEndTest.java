package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BatchSimulation opens each user's connection before the batch's send instant: every measured streaming
 * request must arrive on a connection that already carried that user's {@code GET /v1/models}, so no TCP
 * connect happens inside the burst. The stub server tells connections apart by the client's port.
 */
class BatchConnectAheadEndToEndTest {
    private static final int K = 6;

    /** (client port, method + path) in arrival order. */
    private final List<String[]> arrivals = new ArrayList<>();

    @Test
    void everyBatchRequestLeavesOnAConnectionOpenedAhead(@TempDir Path results) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(2 * K + 2));
        server.createContext("/", this::handle);
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            GatlingProcess.Outcome run = GatlingProcess.run("BatchSimulation", Map.of(
                    "target.url", url, "target.model", "stub-model", "batch.sizes", String.valueOf(K),
                    "batch.runs", "1", "batch.connect.ahead", "true", "warmup.requests", "0", "max.tokens", "4",
                    "results.dir", results.toString()), results.resolve("gatling.log"), 180);
            assertEquals(0, run.exitCode(), run.output());
        } finally {
            server.stop(0);
        }
        Set<String> opened = new HashSet<>();
        int posts = 0;
        synchronized (arrivals) {
            for (String[] a : arrivals) {
                if (a[1].equals("GET /v1/models")) {
                    opened.add(a[0]);
                } else if (a[1].equals("POST /v1/chat/completions")) {
                    posts++;
                    assertTrue(opened.contains(a[0]), "POST on port " + a[0] + " without a GET before it: " + log());
                }
            }
        }
        assertEquals(K, posts, log());
    }

    private String log() {
        synchronized (arrivals) {
            return arrivals.stream().map(a -> a[0] + " " + a[1]).toList().toString();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String what = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
        synchronized (arrivals) {
            arrivals.add(new String[] {String.valueOf(ex.getRemoteAddress().getPort()), what});
        }
        ex.getRequestBody().readAllBytes();
        if (what.equals("POST /v1/chat/completions")) {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                String id = "chatcmpl-" + Integer.toHexString(System.identityHashCode(ex));
                for (String piece : new String[] {"one", " two", " three", " four"}) {
                    out.write(("data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                            + "\"delta\":{\"content\":\"" + piece + "\"},\"finish_reason\":null}]}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write(("data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":4,\"total_tokens\":14}}\n\n"
                        + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
        } else {
            byte[] body = "{\"object\":\"list\",\"data\":[{\"id\":\"stub-model\",\"object\":\"model\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

package llmbench.lifecycle.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One round of the leak check: {@code requests} identical non-streaming chat requests ("tell me about rivers",
 * max_tokens 16), {@code concurrency} at a time. Every round is the same work, so a server that keeps nothing
 * per request ends each round with the memory it ended the previous one with; a leak adds the same amount per
 * round. Passes when every request got HTTP 200.
 */
final class LeakRound {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String serverUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String body;

    LeakRound(String serverUrl) {
        this.serverUrl = serverUrl;
    }

    Commands.Result run(int requests, int concurrency) throws InterruptedException {
        if (body == null) {
            body = body(servedModel());
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                statuses.add(pool.submit(this::send));
            }
            int ok = 0;
            String firstError = null;
            for (Future<Integer> f : statuses) {
                try {
                    if (f.get() == 200) {
                        ok++;
                    } else if (firstError == null) {
                        firstError = "HTTP " + f.get();
                    }
                } catch (ExecutionException e) {
                    if (firstError == null) {
                        firstError = e.getCause().toString();
                    }
                }
            }
            return new Commands.Result(ok == requests, ok + "/" + requests + " requests answered 200"
                    + (firstError == null ? "" : "; first error: " + firstError));
        } finally {
            pool.shutdownNow();
        }
    }

    private int send() throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(serverUrl + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The first id of /v1/models; empty when the server lists none (seed-compatible servers then skip the check). */
    private String servedModel() throws InterruptedException {
        try {
            HttpResponse<String> models = client.send(HttpRequest.newBuilder(URI.create(serverUrl + "/v1/models"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode id = JSON.readTree(models.body()).at("/data/0/id");
            return id.isTextual() ? id.asText() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String body(String model) {
        ObjectNode b = JSON.createObjectNode();
        b.put("model", model);
        b.putArray("messages").addObject().put("role", "user").put("content", "tell me about rivers");
        b.put("max_tokens", 16);
        b.put("temperature", 0);
        b.put("stream", false);
        return b.toString();
    }
}

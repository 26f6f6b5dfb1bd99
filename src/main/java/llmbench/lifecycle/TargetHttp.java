package llmbench.lifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Requests to the target's side routes ({@code /v1/models}, {@code /health}, {@code /tokenize}, the counters, a
 * 1-token probe), never on Gatling's threads: one client with the connect and request timeout and the API key as a
 * bearer token when there is one. Blocking ones (before or after the load) keep an interrupt as the thread's status;
 * {@link #getAsync} runs on the client's executor, for reads during the load.
 */
public final class TargetHttp {
    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient client;

    public TargetHttp(URI base, String apiKey, Duration timeout) {
        this(base, apiKey, timeout, null);
    }

    /** @param executor the client's threads (its replies are handled there); null: the JDK client's own */
    public TargetHttp(URI base, String apiKey, Duration timeout, Executor executor) {
        this.base = base;
        this.apiKey = apiKey;
        this.timeout = timeout;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout);
        if (executor != null) {
            b.executor(executor);
        }
        this.client = b.build();
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return client.sendAsync(request(HttpRequest.newBuilder(base.resolve(path)).GET()),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException {
        try {
            return client.send(request(b), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpRequest request(HttpRequest.Builder b) {
        b.timeout(timeout);
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b.build();
    }
}

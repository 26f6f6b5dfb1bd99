package llmbench.refserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import llmbench.clock.EpochClock;

/** A plain HTTP/1.1 client for black-box tests: posts JSON and reads SSE streams line by line. */
final class RefClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    RefClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build());
    }

    HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a streaming request and reads every {@code data:} event, stamping each on arrival. */
    Sse stream(String path, String body) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build();
        try {
            HttpResponse<Stream<String>> res = http.send(req, HttpResponse.BodyHandlers.ofLines());
            List<String> data = new ArrayList<>();
            List<Long> arrivalUs = new ArrayList<>();
            List<String> raw = new ArrayList<>();
            try (Stream<String> lines = res.body()) {
                for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    raw.add(line);
                    if (line.startsWith("data: ")) {
                        data.add(line.substring(6));
                        arrivalUs.add(EpochClock.nowMicros());
                    }
                }
            }
            return new Sse(res, data, arrivalUs, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One SSE response: the data payloads in order (including "[DONE]") and when each arrived. */
    record Sse(HttpResponse<?> response, List<String> data, List<Long> arrivalUs, List<String> rawLines) {
        List<JsonNode> events() {
            return data.stream().filter(d -> !d.equals("[DONE]")).map(RefClient::json).toList();
        }

        /** Events whose choice carries text (chat delta.content or completion text), in order. */
        List<JsonNode> contentEvents() {
            return events().stream().filter(e -> e.path("choices").size() == 1)
                    .filter(e -> e.path("choices").get(0).path("delta").has("content")
                            || e.path("choices").get(0).has("text"))
                    .toList();
        }

        static String textOf(JsonNode event) {
            JsonNode c = event.path("choices").get(0);
            return c.has("text") ? c.get("text").asText() : c.path("delta").path("content").asText();
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            contentEvents().forEach(e -> sb.append(textOf(e)));
            return sb.toString();
        }
    }
}

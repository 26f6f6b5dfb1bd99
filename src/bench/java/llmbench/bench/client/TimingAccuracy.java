package llmbench.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import llmbench.metrics.LatencyDistribution;

/**
 * Compares what the suite measured (a run's {@code _requests.jsonl}) with the reference server's ground truth
 * ({@code GET /debug/requests}), request by request (matched on the response id):
 * <ul>
 *   <li>first-token lag = client first_token − server first_content_written: how late the suite stamps the
 *       first token after the server's write of it completed (includes loopback delivery);</li>
 *   <li>last-content lag = client last_content − server last_chunk_written (client side has Gatling's 1 ms
 *       stamp resolution);</li>
 *   <li>dispatch = server received − client send: connection set-up and request transfer, part of the TTFT a
 *       client experiences but not of the server's own.</li>
 * </ul>
 * Usage: {@code TimingAccuracy <requests.jsonl> <server base url>}; prints one line per quantity.
 */
public final class TimingAccuracy {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: TimingAccuracy <requests.jsonl> <server base url>");
            System.exit(2);
        }
        Map<String, JsonNode> truth = fetchTruth(URI.create(args[1]));
        LatencyDistribution firstToken = new LatencyDistribution();
        LatencyDistribution lastContent = new LatencyDistribution();
        LatencyDistribution dispatch = new LatencyDistribution();
        long earlyFirst = 0;
        int matched = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            JsonNode r = JSON.readTree(line);
            JsonNode t = truth.get(r.path("response_id").asText());
            if (t == null || !r.path("error").isNull() || r.path("warmup").asBoolean()) {
                continue;
            }
            matched++;
            long lag = r.path("first_token_epoch_us").asLong() - t.path("first_content_written_epoch_us").asLong();
            if (lag < 0) {
                earlyFirst++;
            }
            firstToken.recordMicros(Math.abs(lag));
            lastContent.recordMicros(Math.abs(r.path("last_content_epoch_us").asLong()
                    - t.path("last_chunk_written_epoch_us").asLong()));
            dispatch.recordMicros(t.path("received_epoch_us").asLong() - r.path("send_epoch_us").asLong());
        }
        System.out.printf("matched requests: %d (%d with the client stamp before the server's, clock anchors differ)%n",
                matched, earlyFirst);
        System.out.println("|first-token lag| s: " + firstToken.summarySeconds());
        System.out.println("|last-content lag| s: " + lastContent.summarySeconds());
        System.out.println("dispatch (send -> server received) s: " + dispatch.summarySeconds());
    }

    private static Map<String, JsonNode> fetchTruth(URI base) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/debug/requests")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode t : JSON.readTree(r.body()).path("requests")) {
            out.put(t.path("id").asText(), t);
        }
        return out;
    }
}

package llmbench.accuracy;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.http.action.sse.SseInboundMessage;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import llmbench.load.ChatRequestBody;
import llmbench.load.PromptCorpus;

/**
 * The baseline of the harness-accuracy benchmark ({@code launchers/bench_harness_accuracy.sh}), not one of
 * the suite's simulations: the streaming test any Gatling user would write from Gatling's SSE documentation.
 * {@code sse(...).post(...).await(...).on(sse.checkMessage(...))} waits for {@code [DONE]}; the other messages
 * stay in Gatling's per-stream buffer with their arrival stamps (epoch ms) and are read, and parsed, with
 * {@code sse.processUnmatchedMessages} once the stream has ended; the send instant is
 * {@code System.currentTimeMillis()} just before the connect. Same prompts, token budget, warm-up and burst
 * shape as BatchSimulation (request i gets news passage i; k users at once after the warm-up), so only the
 * request path differs. Writes one JSONL line per request (send / first-content / last-content / end
 * stamps in epoch µs and the response id) to {@code -Dnaive.out}.
 *
 * <p>Settings: {@code -Dtarget.url}, {@code -Dtarget.model}, {@code -Dnaive.streams} (k),
 * {@code -Dmax.tokens} [128], {@code -Dwarmup.requests} [1], {@code -Dnews.dir} [simulations-data/news],
 * {@code -Dnaive.out}.
 */
public class NaiveSseBaselineSimulation extends Simulation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url = required("target.url");
    private final String model = System.getProperty("target.model", "");
    private final int streams = Integer.parseInt(required("naive.streams"));
    private final int maxTokens = Integer.getInteger("max.tokens", 128);
    private final int warmups = Integer.getInteger("warmup.requests", 1);
    private final Path out = Path.of(required("naive.out"));
    private final PromptCorpus news = PromptCorpus.fromFolder(
            Path.of(System.getProperty("news.dir", "simulations-data/news")));
    private final Queue<String> lines = new ConcurrentLinkedQueue<>();

    private final HttpProtocolBuilder httpProtocol = http.baseUrl(url)
            .sseUnmatchedInboundMessageBufferSize(100_000);

    private ChainBuilder stream(boolean warmup) {
        return exec(session -> session.set("sendMs", System.currentTimeMillis()))
                .exec(sse("chat").post("/v1/chat/completions")
                        .body(StringBody("#{body}")).asJson()
                        .await(Duration.ofSeconds(600)).on(
                                sse.checkMessage("done").matching(substring("[DONE]"))))
                .exec(session -> session.set("endMs", System.currentTimeMillis()))
                .exec(sse.processUnmatchedMessages((messages, session) -> {
                    lines.add(record(session, messages, warmup));
                    return session;
                }))
                .exec(sse("close").close());
    }

    private final ScenarioBuilder warmup = scenario("warmup")
            .repeat(warmups).on(exec(s -> s.set("body", body(news.forRequest(streams), 16))).exec(stream(true)));
    private final ScenarioBuilder burst = scenario("burst k=" + streams)
            .feed(feeder())
            .exec(stream(false));

    {
        setUp(warmup.injectOpen(atOnceUsers(1))
                .andThen(burst.injectOpen(nothingFor(Duration.ofSeconds(2)), atOnceUsers(streams))))
                .protocols(httpProtocol);
    }

    @Override
    public void after() {
        try {
            Files.write(out, new ArrayList<>(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String record(Session session, List<SseInboundMessage> messages, boolean warmup) {
        ObjectNode r = JSON.createObjectNode();
        r.put("warmup", warmup);
        r.put("send_epoch_us", session.getLong("sendMs") * 1000);
        r.put("end_epoch_us", session.contains("endMs") ? session.getLong("endMs") * 1000 : null);
        r.putNull("first_token_epoch_us");
        r.putNull("last_content_epoch_us");
        r.putNull("response_id");
        for (SseInboundMessage m : messages) {
            try {
                JsonNode chunk = JSON.readTree(m.message()).path("data");
                if (r.path("response_id").isNull() && chunk.hasNonNull("id")) {
                    r.put("response_id", chunk.path("id").asText());
                }
                if (!chunk.path("choices").path(0).path("delta").path("content").asText("").isEmpty()) {
                    if (r.path("first_token_epoch_us").isNull()) {
                        r.put("first_token_epoch_us", m.timestamp() * 1000);
                    }
                    r.put("last_content_epoch_us", m.timestamp() * 1000);
                }
            } catch (IOException notJson) {
                // keep-alive comments and the like: not a chunk
            }
        }
        r.put("error", session.isFailed() ? "Gatling marked the stream KO" : null);
        return r.toString();
    }

    private Iterator<Map<String, Object>> feeder() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                Map<String, Object> m = new HashMap<>();
                m.put("body", body(news.forRequest(next++), maxTokens));
                return m;
            }
        };
    }

    private String body(String prompt, int tokens) {
        return ChatRequestBody.streaming(model.isEmpty() ? null : model, prompt, tokens, 0.7);
    }

    private static String required(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("gatling-llm-bench: error: NaiveSseBaselineSimulation needs -D" + name);
        }
        return v;
    }
}

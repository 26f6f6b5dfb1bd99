package llmbench.load;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ChainBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import llmbench.config.BadInputException;

/**
 * The requests of the seed's API test (test_api_comprehensive.py, spec §6), one after another, then one
 * Gatling request per check ({@code GET /v1/models}, group "api checks") whose check passes only if the
 * seed's criteria held: a failed criterion makes that request KO with the reasons as Gatling's error message,
 * so Gatling's console lists failed checks and why, and an assertion fails the build.
 */
public final class ApiPlan {
    public static final List<String> CHECKS = List.of("streaming_chat", "multiturn_conversation",
            "deterministic_temp0", "stop_sequences", "completions_endpoint", "streaming_completions",
            "large_token_generation");
    public static final String TURN_1 = "multiturn_conversation turn 1";
    public static final String TURN_2 = "multiturn_conversation turn 2";
    public static final String DET_1 = "deterministic_temp0 run 1";
    public static final String DET_2 = "deterministic_temp0 run 2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RECORD_WAIT = Duration.ofSeconds(10);

    private final JsonNode d;
    private final String model;

    public ApiPlan(Path file, String model) {
        try {
            this.d = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("API check texts " + file.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
        this.model = model;
        for (String c : CHECKS) {
            if (!d.path(c).isObject()) {
                throw new BadInputException("API check texts " + file + " have no entry '" + c + "'");
            }
        }
    }

    /** How many requests the checks send (the converter waits for that many records). */
    public static int requestCount() {
        return 9;
    }

    /**
     * @param recordsStored  how many request records the run holds so far
     * @param verdicts       check name → "pass" or "fail: reasons", computed when every record is stored
     */
    public ChainBuilder chain(CaseSequence.Requests requests, IntSupplier recordsStored,
                              Supplier<Map<String, String>> verdicts) {
        List<ChainBuilder> steps = new ArrayList<>();
        steps.add(send(requests, CaseSequence.Kind.STREAM_CHAT, "streaming_chat",
                chat("streaming_chat", c -> c.path("user").asText(), true)));
        steps.add(send(requests, CaseSequence.Kind.RESPONSE_CHAT, TURN_1,
                chat("multiturn_conversation", c -> c.path("turn1").asText(), false)));
        steps.add(exec(s -> s.set(StreamingRequest.BODY, turnTwo(s.getString(ResponseRequest.RESPONSE))))
                .exec(requests.chain(CaseSequence.Kind.RESPONSE_CHAT, TURN_2, false)));
        String det = chat("deterministic_temp0", c -> c.path("user").asText(), false);
        steps.add(send(requests, CaseSequence.Kind.RESPONSE_CHAT, DET_1, det));
        steps.add(send(requests, CaseSequence.Kind.RESPONSE_CHAT, DET_2, det));
        JsonNode stop = d.path("stop_sequences");
        List<String> stops = new ArrayList<>();
        stop.path("stop").forEach(x -> stops.add(x.asText()));
        steps.add(send(requests, CaseSequence.Kind.RESPONSE_CHAT, "stop_sequences", ChatRequestBody.chat(model,
                messages(stop.path("user").asText()), stop.path("max_tokens").asInt(), stop.path("temperature").asDouble(),
                false, stops)));
        steps.add(send(requests, CaseSequence.Kind.RESPONSE_COMPLETION, "completions_endpoint",
                completion("completions_endpoint", false)));
        steps.add(send(requests, CaseSequence.Kind.STREAM_COMPLETION, "streaming_completions",
                completion("streaming_completions", true)));
        steps.add(send(requests, CaseSequence.Kind.RESPONSE_CHAT, "large_token_generation",
                chat("large_token_generation", c -> c.path("user").asText(), false)));

        ChainBuilder chain = exec(s -> s);
        for (ChainBuilder step : steps) {
            chain = chain.exec(step);
        }
        long[] deadline = new long[1];
        chain = chain.exec(s -> {
            deadline[0] = System.nanoTime() + RECORD_WAIT.toNanos();
            return s;
        }).asLongAs(s -> recordsStored.getAsInt() < requestCount() && System.nanoTime() < deadline[0])
                .on(pause(Duration.ofMillis(20)));
        ChainBuilder verdictRequests = exec(s -> s);
        for (String check : CHECKS) {
            verdictRequests = verdictRequests.exec(http(check).get("/v1/models")
                    .check(bodyString().transform(b -> verdicts.get().getOrDefault(check, "fail: not evaluated"))
                            .is("pass")));
        }
        return chain.exec(group("api checks").on(verdictRequests));
    }

    private ChainBuilder send(CaseSequence.Requests requests, CaseSequence.Kind kind, String name, String body) {
        return exec(s -> s.set(StreamingRequest.BODY, body)).exec(requests.chain(kind, name, false));
    }

    private String chat(String check, java.util.function.Function<JsonNode, String> user, boolean stream) {
        JsonNode c = d.path(check);
        return ChatRequestBody.chat(model, messages(user.apply(c)), c.path("max_tokens").asInt(),
                c.path("temperature").asDouble(), stream, null);
    }

    private String completion(String check, boolean stream) {
        JsonNode c = d.path(check);
        return ChatRequestBody.completion(model, c.path("prompt").asText(), c.path("max_tokens").asInt(),
                c.path("temperature").asDouble(), stream);
    }

    private List<ChatRequestBody.Message> messages(String user) {
        return List.of(new ChatRequestBody.Message("system", d.path("system").asText()),
                new ChatRequestBody.Message("user", user));
    }

    /** Turn 2: system, turn 1, the assistant's reply to it, the question (one small JSON parse). */
    String turnTwo(String turnOneResponse) {
        JsonNode c = d.path("multiturn_conversation");
        String reply = "";
        try {
            JsonNode r = turnOneResponse == null ? null : JSON.readTree(turnOneResponse);
            reply = r == null ? "" : r.path("choices").path(0).path("message").path("content").asText("");
        } catch (IOException e) {
            reply = "";
        }
        return ChatRequestBody.chat(model, List.of(new ChatRequestBody.Message("system", d.path("system").asText()),
                        new ChatRequestBody.Message("user", c.path("turn1").asText()),
                        new ChatRequestBody.Message("assistant", reply),
                        new ChatRequestBody.Message("user", c.path("turn2").asText())),
                c.path("max_tokens").asInt(), c.path("temperature").asDouble(), false, null);
    }
}

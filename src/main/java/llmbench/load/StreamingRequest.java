package llmbench.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.http.action.sse.SseInboundMessage;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import llmbench.timing.CapturedStream;
import llmbench.clock.EpochClock;
import llmbench.timing.RecordSink;
import llmbench.timing.RequestLabels;
import llmbench.timing.RequestedLengths;
import llmbench.timing.StreamChunk;

/**
 * The one streamed request every simulation sends: SSE POST of the body found in the session
 * ({@link #BODY}), then two awaits on the connect action itself (a separate setCheck would clear the
 * message buffer): the first non-empty content chunk, then {@code [DONE]}. Each gives its own row in
 * Gatling's report (the connect row ends at the response headers and says nothing about tokens); the
 * group around them spans the whole stream.
 *
 * <p>The checks only take a clock reading and keep the matched message; everything else is buffered by
 * Gatling with its arrival stamp and handed, unparsed, to the sink once the stream is over.
 */
public final class StreamingRequest {
    /** Session attributes a feeder supplies. */
    public static final String BODY = "llmBody";
    public static final String RUN = "llmRun";
    public static final String REQUEST_IDX = "llmRequestIdx";
    /** What a workload asked of the request ({@link RequestedLengths}); absent for the suite's fixed prompts. */
    public static final String REQUESTED = "llmRequested";
    /** Optional: the epoch µs at which an open-model schedule meant this request to be sent. */
    public static final String INTENDED_SEND_US = "llmIntendedSendUs";

    /** Buffer bound per stream: a reply longer than this many chunks loses its oldest chunks' stamps. */
    public static final int MESSAGE_BUFFER = 65_536;

    private static final String SSE_NAME = "llmStream";
    private static final String SEND_US = "llmSendUs";
    private static final String FIRST_TOKEN_US = "llmFirstTokenUs";
    private static final String FIRST_TOKEN_MESSAGE = "llmFirstTokenMessage";
    private static final String END_US = "llmEndUs";
    private static final String CAPTURED = "llmCaptured";
    private static final String RE_ASK_STATUS = "llmReAskStatus";
    private static final String RE_ASK_BODY = "llmReAskBody";
    /** Statuses by which a server refuses the request itself: sending it again gets the same answer. */
    static final java.util.Set<Integer> RE_ASKED = java.util.Set.of(400, 401, 403, 404, 405, 413, 415, 422);
    private static final Duration RE_ASK_TIMEOUT = Duration.ofSeconds(5);
    private static final String CONNECT_AHEAD_STATUS = "llmConnectAheadStatus";
    /** A chunk whose content, completion text or reasoning text is a non-empty JSON string. */
    private static final String TEXT_CHUNK = "\"(?:content|text|reasoning_content|reasoning)\"\\s*:\\s*\"[^\"]";

    private final String simulation;
    private final String path;
    private final Duration timeout;
    private final String apiKey;
    private final RecordSink sink;

    /**
     * The HTTP protocol every streamed request goes out with, to the target or to the client's loopback warm-up:
     * Gatling's own warm-up request off, and room for {@link #MESSAGE_BUFFER} unmatched SSE messages per stream.
     */
    public static HttpProtocolBuilder protocol(String baseUrl) {
        return http.baseUrl(baseUrl).disableWarmUp().sseUnmatchedInboundMessageBufferSize(MESSAGE_BUFFER);
    }

    public StreamingRequest(String simulation, String path, Duration timeout, String apiKey,
                            RecordSink sink) {
        this.simulation = simulation;
        this.path = path;
        this.timeout = timeout;
        this.apiKey = apiKey;
        this.sink = sink;
        ConnectFailures.install();
    }

    /**
     * Opens this virtual user's connection before its measured request: a {@code GET /v1/models} on the user's
     * own connection pool, which Gatling keeps open (keep-alive) and hands to the user's next request, the SSE
     * POST. Put before a rendezvous of a batch, so that the TCP connects, the server's accepts and this
     * request's work are over before the batch's send instant, and the burst is k request writes only. Any
     * status will do (the connection is what counts), so a server without the route does not fail the run.
     */
    public ChainBuilder connectAhead() {
        var get = http("connect ahead (not measured)").get("/v1/models").check(status().saveAs(CONNECT_AHEAD_STATUS));
        if (apiKey != null) {
            get = get.header("Authorization", "Bearer " + apiKey);
        }
        return exec(get);
    }

    public ChainBuilder chain(String caseName, boolean warmup) {
        var connect = sse("connect (headers only)").sseName(SSE_NAME).post(path)
                .header("Content-Type", "application/json")
                .body(StringBody("#{" + BODY + "}"));
        if (apiKey != null) {
            connect = connect.header("Authorization", "Bearer " + apiKey);
        }
        var measured = connect
                .await(timeout).on(sse.checkMessage("time to first token")
                        .matching(regex(TEXT_CHUNK).exists())
                        .check(bodyString().transform(b -> EpochClock.nowMicros()).saveAs(FIRST_TOKEN_US),
                                bodyString().saveAs(FIRST_TOKEN_MESSAGE)))
                .await(timeout).on(sse.checkMessage("first token to [DONE]")
                        .matching(bodyString().is(StreamChunk.GATLING_DONE_MESSAGE))
                        .check(bodyString().transform(b -> EpochClock.nowMicros()).saveAs(END_US)));
        var reAsk = http("refused stream: the server's reason").post(path)
                .header("Content-Type", "application/json")
                .body(StringBody("#{" + BODY + "}"))
                .requestTimeout(RE_ASK_TIMEOUT)
                .check(status().saveAs(RE_ASK_STATUS), bodyString().saveAs(RE_ASK_BODY));
        if (apiKey != null) {
            reAsk = reAsk.header("Authorization", "Bearer " + apiKey);
        }
        return group(caseName).on(
                exec(s -> {
                    sink.sent();
                    return s.removeAll(FIRST_TOKEN_US, FIRST_TOKEN_MESSAGE, END_US, CAPTURED, RE_ASK_STATUS,
                            RE_ASK_BODY).set(SEND_US, EpochClock.nowMicros());
                })
                .exec(measured)
                .doIfOrElse(s -> s.contains(SSE_NAME)).then(
                        exec(sse.processUnmatchedMessages(SSE_NAME, (messages, s) -> {
                            CapturedStream c = capture(s, messages, caseName, warmup);
                            if (reAsks(c)) {
                                return s.set(CAPTURED, c);
                            }
                            sink.accept(c);
                            return s;
                        }))
                        .exec(sse("close").sseName(SSE_NAME).close()))
                .orElse(exec(s -> {
                    CapturedStream c = capture(s, List.of(), caseName, warmup);
                    if (reAsks(c)) {
                        return s.set(CAPTURED, c);
                    }
                    sink.accept(c);
                    return s;
                }))
                // a refused stream is handed over after its one re-ask, with the server's words when they came
                .doIf(s -> s.contains(CAPTURED)).then(
                        exec(reAsk).exec(s -> {
                            CapturedStream c = s.get(CAPTURED);
                            Integer status = s.contains(RE_ASK_STATUS) ? s.getInt(RE_ASK_STATUS) : null;
                            sink.accept(status != null && status.equals(c.refusedStatus())
                                    ? c.withRefusalBody(s.getString(RE_ASK_BODY)) : c);
                            return s.removeAll(CAPTURED, RE_ASK_STATUS, RE_ASK_BODY);
                        })));
    }

    /**
     * Gatling's SSE connect drops the body of a refused stream (it closes the connection on a non-200 status), so
     * the server's message is lost. A refusal of the request itself ({@link #RE_ASKED}: the server judged the body,
     * not its own load) is answered the same way again at no generation cost, so the same body is sent once more as
     * a plain request, after the stream's record is complete, and its reply body kept when the status matches.
     * Refusals for load (429, 5xx) are never re-sent: that would change the load being measured.
     */
    private static boolean reAsks(CapturedStream c) {
        return c.refusedStatus() != null && RE_ASKED.contains(c.refusedStatus());
    }

    private CapturedStream capture(Session s, List<SseInboundMessage> messages, String caseName, boolean warmup) {
        long closedUs = EpochClock.nowMicros();
        List<CapturedStream.Message> copy = new ArrayList<>(messages.size());
        for (SseInboundMessage m : messages) {
            copy.add(new CapturedStream.Message(m.timestamp() * 1000L, m.message()));
        }
        RequestLabels labels = new RequestLabels(simulation, caseName,
                s.contains(RUN) ? s.getInt(RUN) : 0, s.contains(REQUEST_IDX) ? s.getInt(REQUEST_IDX) : 0, warmup,
                warmup || !s.contains(REQUESTED) ? null : s.<RequestedLengths>get(REQUESTED),
                s.contains(INTENDED_SEND_US) ? s.getLong(INTENDED_SEND_US) : null);
        Long firstToken = s.contains(FIRST_TOKEN_US) ? s.getLong(FIRST_TOKEN_US) : null;
        Long end = s.contains(END_US) ? s.getLong(END_US) : null;
        String failure = null;
        if (s.isFailed()) {
            String reason = ConnectFailures.takeForCurrentThread(s.getLong(SEND_US));
            failure = reason == null ? "Gatling marked the stream KO" : "Gatling: " + reason;
        }
        return new CapturedStream(labels, s.getLong(SEND_US), firstToken,
                s.contains(FIRST_TOKEN_MESSAGE) ? s.getString(FIRST_TOKEN_MESSAGE) : null, end, copy, closedUs,
                failure, null, true, s.contains(BODY) ? s.getString(BODY) : null);
    }
}

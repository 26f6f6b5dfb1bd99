package llmbench.refserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import llmbench.refserver.engine.Engine;
import llmbench.refserver.engine.EngineRefusal;
import llmbench.refserver.engine.EngineRequest;
import llmbench.refserver.fault.FaultKind;
import llmbench.refserver.fault.FaultPlan;
import llmbench.refserver.groundtruth.GroundTruth;
import llmbench.refserver.scheduler.BatchScheduler;
import llmbench.refserver.scheduler.TokenSink;
import llmbench.refserver.spec.SpecController;

/**
 * Routes complete requests. The work runs on {@code apiPool}, not on the event loop, because parsing,
 * tokenizing a long prompt and building the model's context are CPU work; responses are written through
 * the (thread-safe) channel. One request at a time per connection (HTTP/1.1 without pipelining).
 *
 * <p>Generation requests are checked in the seed's order: validation (422) → model mismatch (400) → the
 * engine's own checks ({@link Engine#admit}: prompt, max_tokens, memory pressure, queue) → response head →
 * generation.
 */
@ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<ReceivedRequest> {
    private static final Set<String> GET_ROUTES = Set.of("/v1/models", "/health", "/livez", "/readyz",
            "/metrics", "/v1/spec_decode/metrics", "/debug/requests");
    private static final Set<String> POST_ROUTES = Set.of("/v1/chat/completions", "/v1/completions",
            "/debug/emit_lag/reset", "/tokenize");
    /** Routes behind the concurrency limiter (the seed's middleware bypasses /v1/models and the health paths). */
    private static final Set<String> LIMITED_ROUTES = Set.of("/v1/chat/completions", "/v1/completions",
            "/v1/spec_decode/metrics");

    private final ServerContext server;
    private final RequestParser parser;
    private final Executor apiPool;
    private final HealthReport health;
    private final Semaphore permits;
    private final TokenizeRoute tokenize;
    private final FaultPlan faults;

    ApiHandler(ServerContext server, Executor apiPool) {
        super(false);
        this.server = server;
        this.health = new HealthReport(server);
        int limit = server.config().engine().maxConcurrentRequests();
        this.permits = limit > 0 ? new Semaphore(limit) : null;
        this.parser = new RequestParser(server.json());
        this.apiPool = apiPool;
        this.tokenize = new TokenizeRoute(server);
        this.faults = server.config().faults().plan();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ReceivedRequest req) {
        Channel ch = ctx.channel();
        try {
            apiPool.execute(() -> handle(ch, req));
        } catch (RejectedExecutionException closing) {
            req.body().release();
            Responses.error(ch, ApiError.http(503, "Server is shutting down"), false);
        }
    }

    /**
     * The seed's middleware order: (body size, in {@link BodyLimiter}) → API key on /v1/ paths →
     * concurrency limiter (non-blocking try-acquire) → route. A generation request's permit passes to its
     * sequence and is released when the sequence ends (finished, cancelled or timed out), i.e. it is held
     * for the whole request — the seed releases a streaming request's permit when its headers are sent.
     */
    private void handle(Channel ch, ReceivedRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req.head());
        Runnable permit = null;
        try {
            String path = pathOf(req.head().uri());
            HttpMethod method = req.head().method();
            String key = server.config().engine().apiKey();
            if (key != null && path.startsWith("/v1/")) {
                checkApiKey(req.head().headers().get(HttpHeaderNames.AUTHORIZATION), key);
            }
            if (permits != null && LIMITED_ROUTES.contains(path)) {
                if (!permits.tryAcquire()) {
                    throw ApiError.atCapacity();
                }
                AtomicBoolean once = new AtomicBoolean();
                permit = () -> {
                    if (once.compareAndSet(false, true)) {
                        permits.release();
                    }
                };
            }
            if (POST_ROUTES.contains(path)) {
                if (!method.equals(HttpMethod.POST)) {
                    Responses.detail(ch, HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed", keepAlive);
                } else if (path.equals("/debug/emit_lag/reset")) {
                    Responses.json(ch, HttpResponseStatus.OK, emitLagReset(), keepAlive);
                } else if (path.equals("/tokenize")) {
                    Responses.json(ch, HttpResponseStatus.OK, tokenize.answer(req.body()), keepAlive);
                } else if (generate(ch, req, path.equals("/v1/chat/completions"), keepAlive, permit)) {
                    permit = null; // the sequence releases it
                }
            } else if (GET_ROUTES.contains(path)) {
                if (!method.equals(HttpMethod.GET)) {
                    Responses.detail(ch, HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed", keepAlive);
                } else if (path.equals("/health") || path.equals("/readyz")) {
                    HealthReport.Answer a = path.equals("/health") ? health.health() : health.readyz();
                    Responses.json(ch, HttpResponseStatus.valueOf(a.status()), a.body(), keepAlive);
                } else if (path.equals("/metrics")) {
                    Responses.text(ch, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                            health.metrics(), keepAlive);
                } else {
                    Responses.json(ch, HttpResponseStatus.OK, info(path), keepAlive);
                }
            } else {
                Responses.detail(ch, HttpResponseStatus.NOT_FOUND, "Not Found", keepAlive);
            }
        } catch (ApiError e) {
            Responses.error(ch, e, keepAlive);
        } catch (RuntimeException e) {
            Responses.error(ch, ApiError.internal(), keepAlive);
        } finally {
            req.body().release();
            if (permit != null) {
                permit.run();
            }
        }
    }

    /** Seed §1.1: "Bearer " + key (stripped), compared in constant time. */
    private static void checkApiKey(String authorization, String key) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw ApiError.unauthorized("Missing or invalid Authorization header");
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, key.getBytes(StandardCharsets.UTF_8))) {
            throw ApiError.unauthorized("Invalid API key");
        }
    }

    /** Returns true once the engine has the request (it then owns {@code permit}, which may be null). */
    private boolean generate(Channel ch, ReceivedRequest req, boolean chat, boolean keepAlive, Runnable permit) {
        GenerationRequest r = parser.parse(req.body(), chat);
        String loaded = server.config().model();
        if (!r.model().isEmpty() && !r.model().equals(loaded)) {
            throw ApiError.http(400, "Model mismatch: requested '" + r.model() + "' but server loaded '" + loaded + "'");
        }
        String id = (chat ? "chatcmpl-" : "cmpl-") + hex12();
        // A reconnecting SSE client re-sends a broken stream's POST with the last event id it saw (only a
        // close_mid_stream stream sends one): served without a fault, and named in the ground truth.
        String resentOf = req.head().headers().get("Last-Event-ID");
        FaultKind fault = resentOf == null ? faults.next() : null;
        if (resentOf != null) {
            server.truth().markResent(id, resentOf);
        }
        if (fault != null && fault.beforeResponse()) {
            InjectedFault.refuse(fault, ch, id, req.receivedEpochUs(), server.truth());
            return false;
        }
        Engine.Admission admission;
        try {
            admission = server.engine().admit(new EngineRequest(r.chat(), r.prompt(),
                    r.messages().stream().map(m -> new EngineRequest.Message(m.role(), m.content())).toList(),
                    r.maxTokens(), r.temperature(), r.topP(), r.stop(), r.minTokens()));
        } catch (EngineRefusal e) {
            throw switch (e.reason()) {
                case BAD_REQUEST -> ApiError.http(400, e.getMessage());
                case MEMORY_PRESSURE -> ApiError.memoryPressure();
                case QUEUE_FULL -> ApiError.queueFull(e.maxQueueSize());
                case SHUTTING_DOWN -> ApiError.http(503, "Server is shutting down");
            };
        }
        try {
            ChannelFutureListener onClose = f -> admission.cancel();
            TokenSink sink = responseSink(ch, req, r, chat, keepAlive, id, admission.promptTokens(), onClose,
                    admission::cancel);
            if (sink instanceof SseStream stream) {
                if (fault != null) { // a stream fault; a buffered reply carries none (docs/reference-server.md)
                    stream.inject(InjectedFault.forStream(fault, server.config().faults()));
                    server.truth().markFault(id, fault.wireName());
                }
                stream.start();
            }
            ch.closeFuture().addListener(onClose);
            admission.start(sink, permit);
        } catch (RuntimeException | Error e) {
            admission.abandon();
            throw e;
        }
        return true;
    }

    /**
     * Where an engine's tokens go, the same for both engines: an SSE stream (its head goes out on
     * {@code start()}) or a completion buffered until the end, each with the server's timeouts.
     */
    private TokenSink responseSink(Channel ch, ReceivedRequest req, GenerationRequest r, boolean chat, boolean keepAlive,
                                   String id, int promptTokens, ChannelFutureListener onClose, Runnable cancel) {
        String loaded = server.config().model();
        double firstTimeout = server.config().engine().firstTokenTimeoutS();
        double requestTimeout = server.config().engine().requestTimeoutS();
        if (r.stream()) {
            return new SseStream(ch, id, chat, loaded, r.includeUsage(), keepAlive, promptTokens,
                    req.receivedEpochUs(), server.truth(), onClose, cancel, firstTimeout, requestTimeout);
        }
        return new BufferedCompletion(ch, id, chat, loaded, keepAlive, promptTokens, req.receivedEpochUs(),
                server.truth(), server.tokenizer(), onClose, cancel, Math.max(firstTimeout, requestTimeout));
    }

    /**
     * Ours: the scheduler's emit-lag window that just closed (µs), then a new window starts. {@code histogram}
     * is the window's HdrHistogram, compressed and base64-encoded, so a client can add windows up.
     */
    private ObjectNode emitLagReset() {
        org.HdrHistogram.Histogram h = server.engine().resetEmitLag();
        BatchScheduler.EmitLag e = BatchScheduler.EmitLag.of(h);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        ObjectNode root = server.json().createObjectNode();
        root.put("steps", e.steps());
        root.put("emit_lag_p50_us", e.p50Micros());
        root.put("emit_lag_p99_us", e.p99Micros());
        root.put("emit_lag_p999_us", e.p999Micros());
        root.put("emit_lag_max_us", e.maxMicros());
        root.put("histogram", java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), len)));
        return root;
    }

    private Object info(String path) {
        ObjectNode root = server.json().createObjectNode();
        switch (path) {
            case "/v1/models" -> {
                root.put("object", "list");
                ObjectNode m = root.putArray("data").addObject();
                m.put("id", server.config().model());
                m.put("object", "model");
                m.put("created", 0);
                m.put("owned_by", "gatling-llm-bench");
            }
            case "/v1/spec_decode/metrics" -> {
                SpecController.Metrics m = server.engine().specDecode();
                if (m == null) {
                    root.put("spec_decode_enabled", false);
                } else {
                    root.put("spec_decode_enabled", true);
                    root.put("spec_decode_mode", m.mode());
                    root.put("acceptance_rate_ema", m.acceptanceRateEma());
                    root.put("acceptance_rate_overall", m.acceptanceRateOverall());
                    root.put("avg_tokens_per_step", m.avgTokensPerStep());
                    root.put("total_steps", m.totalSteps());
                    root.put("total_fallback_steps", 0);
                    root.put("total_proposed", m.totalProposed());
                    root.put("total_accepted", m.totalAccepted());
                    root.put("total_bonus_tokens", m.totalBonusTokens());
                    root.put("current_k", m.currentK());
                    root.put("adaptive_k_current", m.adaptiveKCurrent());
                }
            }
            case "/livez" -> {
                root.put("status", "alive");
                root.put("uptime_s", (System.nanoTime() - server.startNanos()) / 1e9);
            }
            default -> {
                ArrayNode list = root.putArray("requests");
                for (GroundTruth t : server.truth().snapshot()) {
                    ObjectNode o = list.addObject();
                    o.put("id", t.id());
                    o.put("received_epoch_us", t.receivedEpochUs());
                    o.put("first_content_written_epoch_us", t.firstContentWrittenEpochUs());
                    o.put("last_chunk_written_epoch_us", t.lastChunkWrittenEpochUs());
                    o.put("prompt_tokens", t.promptTokens());
                    o.put("completion_tokens", t.completionTokens());
                    o.put("finish_reason", t.finishReason());
                    o.put("fault", server.truth().faultOf(t.id()));
                    o.put("resent_of", server.truth().resentOf(t.id()));
                }
            }
        }
        return root;
    }

    private static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    /** 12 lowercase hex digits, like the seed's uuid4 prefix. */
    private static String hex12() {
        String h = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL | 0x1_0000_0000_0000L);
        return h.substring(1);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // typically a write to a client that went away
    }
}

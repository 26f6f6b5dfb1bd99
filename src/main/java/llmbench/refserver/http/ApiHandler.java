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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import llmbench.refserver.GroundTruth;
import llmbench.refserver.engine.LlamaBackend;
import llmbench.refserver.kvcache.BlockHashes;
import llmbench.refserver.model.Sampling;
import llmbench.refserver.model.TextGenerator;
import llmbench.refserver.scheduler.BatchScheduler;
import llmbench.refserver.scheduler.Sequence;
import llmbench.refserver.spec.SpecController;
import llmbench.refserver.scheduler.TokenSink;

/**
 * Routes complete requests. The work runs on {@code apiPool}, not on the event loop, because parsing,
 * tokenizing a long prompt and building the model's context are CPU work; responses are written through
 * the (thread-safe) channel. One request at a time per connection (HTTP/1.1 without pipelining).
 *
 * <p>Generation requests are checked in the seed's order: validation (422) → tokenize → model mismatch
 * → empty prompt → prompt too long → max_tokens ≥ 1 (all 400) → clamp → memory pressure (503) → submit
 * (429 when the queue is full).
 */
@ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<ReceivedRequest> {
    private static final Set<String> GET_ROUTES = Set.of("/v1/models", "/health", "/livez", "/readyz",
            "/metrics", "/v1/spec_decode/metrics", "/debug/requests");
    private static final Set<String> POST_ROUTES = Set.of("/v1/chat/completions", "/v1/completions",
            "/debug/emit_lag/reset");
    /** Routes behind the concurrency limiter (the seed's middleware bypasses /v1/models and the health paths). */
    private static final Set<String> LIMITED_ROUTES = Set.of("/v1/chat/completions", "/v1/completions",
            "/v1/spec_decode/metrics");

    private final ServerContext server;
    private final RequestParser parser;
    private final Executor apiPool;
    private final HealthReport health;
    private final Semaphore permits;

    ApiHandler(ServerContext server, Executor apiPool) {
        super(false);
        this.server = server;
        this.health = new HealthReport(server);
        int limit = server.config().engine().maxConcurrentRequests();
        this.permits = limit > 0 ? new Semaphore(limit) : null;
        this.parser = new RequestParser(server.json());
        this.apiPool = apiPool;
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

    /** Returns true once the sequence is submitted (it then owns {@code permit}, which may be null). */
    private boolean generate(Channel ch, ReceivedRequest req, boolean chat, boolean keepAlive, Runnable permit) {
        GenerationRequest r = parser.parse(req.body(), chat);
        String loaded = server.config().model();
        if (!r.model().isEmpty() && !r.model().equals(loaded)) {
            throw ApiError.http(400, "Model mismatch: requested '" + r.model() + "' but server loaded '" + loaded + "'");
        }
        if (server.llama() != null) {
            return generateWithLlama(ch, req, r, chat, keepAlive, permit);
        }
        int[] promptIds = server.tokenizer().encode(r.prompt());
        int promptTokens = promptIds.length;
        if (promptTokens == 0) {
            throw ApiError.http(400, "Prompt must not be empty");
        }
        int maxPrompt = server.config().maxPromptTokens();
        if (promptTokens > maxPrompt) {
            throw ApiError.http(400, "Prompt too long: " + promptTokens + " tokens exceeds maximum of " + maxPrompt);
        }
        if (r.maxTokens() <= 0) {
            throw ApiError.http(400, "max_tokens must be at least 1");
        }
        int maxTokens = (int) Math.min(r.maxTokens(), server.config().maxGenerationTokens());
        if (health.underMemoryPressure()) {
            throw ApiError.memoryPressure();
        }
        String[] blockHashes = BlockHashes.chain(promptIds, server.config().engine().blockSize());
        BatchScheduler scheduler = server.scheduler();
        boolean reserved;
        try {
            reserved = scheduler.reserve();
        } catch (IllegalStateException closed) {
            throw ApiError.http(503, "Server is shutting down");
        }
        if (!reserved) {
            throw ApiError.queueFull(scheduler.maxQueueSize());
        }
        TextGenerator.Generation generation;
        try {
            generation = server.model().begin(r.prompt(), new Sampling(r.temperature(), r.topP()));
        } catch (RuntimeException e) {
            scheduler.unreserve();
            throw e;
        }
        String id = (chat ? "chatcmpl-" : "cmpl-") + hex12();
        Sequence[] holder = new Sequence[1];
        ChannelFutureListener onClose = f -> holder[0].cancel();
        TokenSink sink = responseSink(ch, req, r, chat, keepAlive, id, promptTokens, onClose, () -> holder[0].cancel());
        holder[0] = new Sequence(promptTokens, maxTokens, generation, r.stop(), sink, blockHashes, promptIds);
        if (permit != null) {
            holder[0].onEnd(permit);
        }
        if (sink instanceof SseStream stream) {
            stream.start();
        }
        ch.closeFuture().addListener(onClose);
        scheduler.submitReserved(holder[0]);
        return true;
    }

    /**
     * The llama engine's path: the same checks and response writers as the simulated engine's, with the
     * model's tokenizer for prompt length, and prompt + max_tokens limited to one slot's context
     * (max_tokens is clamped to what is left of it).
     */
    private boolean generateWithLlama(Channel ch, ReceivedRequest req, GenerationRequest r, boolean chat,
                                      boolean keepAlive, Runnable permit) {
        LlamaBackend llama = server.llama();
        if (r.prompt().isEmpty()) {
            throw ApiError.http(400, "Prompt must not be empty");
        }
        llmbench.llama.GenerationRequest g;
        try {
            g = chat ? llmbench.llama.GenerationRequest.chat(r.messages().stream()
                            .map(m -> new llmbench.llama.ChatMessage(m.role(), m.content())).toList(), 1)
                    : llmbench.llama.GenerationRequest.text(r.prompt(), 1);
        } catch (IllegalArgumentException e) {
            throw ApiError.http(400, e.getMessage());
        }
        int promptTokens = llama.promptTokens(g);
        int maxPrompt = Math.min(server.config().maxPromptTokens(), llama.contextPerSlot() - 1);
        if (promptTokens > maxPrompt) {
            throw ApiError.http(400, "Prompt too long: " + promptTokens + " tokens exceeds maximum of " + maxPrompt);
        }
        if (r.maxTokens() <= 0) {
            throw ApiError.http(400, "max_tokens must be at least 1");
        }
        int maxTokens = (int) Math.min(Math.min(r.maxTokens(), server.config().maxGenerationTokens()),
                llama.contextPerSlot() - promptTokens);
        g = new llmbench.llama.GenerationRequest(g.prompt(), g.messages(), maxTokens, r.temperature(),
                r.stop().stream().filter(x -> !x.isEmpty()).toList());
        if (!llama.tryReserve()) {
            throw ApiError.queueFull(server.config().maxQueueSize());
        }
        try {
            startLlama(ch, req, r, chat, keepAlive, permit, g, promptTokens);
        } catch (RuntimeException | Error e) {
            llama.unreserve();
            throw e;
        }
        return true;
    }

    /** Response head (streaming), then the request on a slot thread, which owns the reservation from here. */
    private void startLlama(Channel ch, ReceivedRequest req, GenerationRequest r, boolean chat, boolean keepAlive,
                            Runnable permit, llmbench.llama.GenerationRequest g, int promptTokens) {
        LlamaBackend llama = server.llama();
        String id = (chat ? "chatcmpl-" : "cmpl-") + hex12();
        LlamaBackend.Ticket ticket = new LlamaBackend.Ticket();
        ChannelFutureListener onClose = f -> ticket.cancel();
        TokenSink sink = responseSink(ch, req, r, chat, keepAlive, id, promptTokens, onClose, ticket::cancel);
        if (sink instanceof SseStream stream) {
            stream.start();
        }
        ch.closeFuture().addListener(onClose);
        llama.submit(ticket, g, sink, permit == null ? () -> { } : permit);
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
        org.HdrHistogram.Histogram h = server.scheduler().resetEmitLag();
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
                SpecController spec = server.scheduler().spec();
                if (spec == null) {
                    root.put("spec_decode_enabled", false);
                } else {
                    SpecController.Metrics m = spec.metrics();
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

package llmbench.refserver.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import llmbench.clock.EpochClock;
import llmbench.refserver.groundtruth.GroundTruth;
import llmbench.refserver.groundtruth.GroundTruthLog;
import llmbench.refserver.scheduler.TokenSink;

/**
 * One streaming response (seed §1.6): headers and, for chat, the role-only chunk when the request is
 * accepted; then per step one write holding that step's chunks. The final write carries the chunk with
 * finish_reason, the usage chunk (if asked for) and {@code data: [DONE]} together.
 *
 * <p>Every byte that is the same on all chunks of this response (id, object, model, JSON punctuation)
 * is encoded once here; a chunk costs only its text, its {@code created} digits and one pooled buffer.
 * The ground-truth stamps are taken in the write futures' listeners, i.e. when the bytes reached the
 * socket.
 *
 * <p>Timeouts (seed §1.6), checked on the channel's event loop: no token written within the first-token
 * timeout after the headers, or none within the request timeout after the previous one, ends the stream
 * with the in-band chunk {@code {"error": {"message": "Stream timeout: no tokens received for <s> seconds",
 * "type": "server_error"}}}, then the usage chunk (if asked for) and {@code [DONE]}; the sequence is
 * cancelled and the ground truth records finish_reason {@code "timeout"}.
 */
final class SseStream implements TokenSink {
    private static final byte[] DONE = JsonText.ascii("data: [DONE]\n\n");

    private final Channel channel;
    private final String id;
    private final boolean chat;
    private final boolean includeUsage;
    private final boolean keepAlive;
    private final int promptTokens;
    private final long receivedEpochUs;
    private final GroundTruthLog truth;
    private final ChannelFutureListener onClose;
    private final Runnable cancel;
    private final long firstTimeoutNanos;
    private final long requestTimeoutNanos;
    private final double firstTimeoutS;
    private final double requestTimeoutS;

    private final byte[] head;        // data: {"id": "…", "object": "…", "created":
    private final byte[] beforeText;  // , "model": "…", "choices": [{"index": 0, "delta": {"content":
    private final byte[] afterText;   // } or nothing (completions), then , "finish_reason":
    private final byte[] modelPart;   // , "model": "…"

    private boolean firstContentSent;
    private int contentChunksSent;
    private volatile Long firstContentWrittenUs;
    /** Completed or timed out; set on the event loop, read by onCancelled. */
    private volatile boolean ended;
    private long lastTokenNanos;   // event loop only
    private boolean tokenSeen;     // event loop only
    private int eventsSent;        // event loop only
    private ScheduledFuture<?> timer;
    /** An injected fault this stream carries out, or null (event loop after {@link #inject}). */
    private InjectedFault fault;

    SseStream(Channel channel, String id, boolean chat, String model, boolean includeUsage, boolean keepAlive,
              int promptTokens, long receivedEpochUs, GroundTruthLog truth, ChannelFutureListener onClose,
              Runnable cancel, double firstTimeoutS, double requestTimeoutS) {
        this.channel = channel;
        this.id = id;
        this.chat = chat;
        this.includeUsage = includeUsage;
        this.keepAlive = keepAlive;
        this.promptTokens = promptTokens;
        this.receivedEpochUs = receivedEpochUs;
        this.truth = truth;
        this.onClose = onClose;
        this.cancel = cancel;
        this.firstTimeoutS = firstTimeoutS;
        this.requestTimeoutS = requestTimeoutS;
        this.firstTimeoutNanos = (long) (firstTimeoutS * 1e9);
        this.requestTimeoutNanos = (long) (requestTimeoutS * 1e9);
        String object = chat ? "chat.completion.chunk" : "text_completion";
        head = JsonText.ascii("data: {\"id\": \"" + id + "\", \"object\": \"" + object + "\", \"created\": ");
        String modelJson = new String(JsonText.quoted(model), java.nio.charset.StandardCharsets.US_ASCII);
        modelPart = JsonText.ascii(", \"model\": " + modelJson);
        beforeText = JsonText.ascii(", \"model\": " + modelJson + ", \"choices\": [{\"index\": 0, "
                + (chat ? "\"delta\": {\"content\": " : "\"text\": "));
        afterText = JsonText.ascii((chat ? "}" : "") + ", \"finish_reason\": ");
    }

    /** Makes this stream carry out {@code f} (see {@link InjectedFault}); call before {@link #start()}. */
    void inject(InjectedFault f) {
        this.fault = f;
    }

    /** Sends the response head and, for chat, the role chunk; call before the sequence is submitted. */
    void start() {
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        res.headers().set("X-Accel-Buffering", "no");
        HttpUtil.setTransferEncodingChunked(res, true);
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        channel.write(res, channel.voidPromise());
        if (chat) {
            ByteBuf buf = channel.alloc().buffer(256);
            buf.writeBytes(head);
            JsonText.writeLong(buf, createdNow());
            buf.writeBytes(modelPart);
            buf.writeBytes(JsonText.ascii(", \"choices\": [{\"index\": 0, \"delta\": {\"role\": \"assistant\"}, "
                    + "\"finish_reason\": null}]}\n\n"));
            channel.write(buf, channel.voidPromise());
        }
        channel.flush();
        long start = System.nanoTime();
        channel.eventLoop().execute(() -> {
            lastTokenNanos = start;
            armTimer(firstTimeoutNanos);
        });
    }

    private void armTimer(long delayNanos) {
        timer = channel.eventLoop().schedule(this::checkTimeout, Math.max(delayNanos, 0), TimeUnit.NANOSECONDS);
    }

    /** Event loop: time out, or re-arm for the current deadline. */
    private void checkTimeout() {
        if (ended) {
            return;
        }
        long limit = tokenSeen ? requestTimeoutNanos : firstTimeoutNanos;
        long left = lastTokenNanos + limit - System.nanoTime();
        if (left > 0) {
            armTimer(left);
            return;
        }
        ended = true;
        cancel.run();
        channel.closeFuture().removeListener(onClose);
        double seconds = tokenSeen ? requestTimeoutS : firstTimeoutS;
        ByteBuf buf = channel.alloc().buffer(512);
        buf.writeBytes(JsonText.ascii("data: {\"error\": {\"message\": \"Stream timeout: no tokens received for "
                + HealthReport.pythonFloat(seconds) + " seconds\", \"type\": \"server_error\"}}\n\n"));
        if (includeUsage) {
            buf.writeBytes(head);
            JsonText.writeLong(buf, createdNow());
            buf.writeBytes(modelPart);
            buf.writeBytes(USAGE_OPEN);
            writeUsage(buf, eventsSent, null, new byte[0]);
        }
        buf.writeBytes(DONE);
        int events = eventsSent;
        ChannelPromise promise = channel.newPromise();
        promise.addListener(f -> truth.add(new GroundTruth(id, receivedEpochUs, firstContentWrittenUs,
                f.isSuccess() ? EpochClock.nowMicros() : null, promptTokens, events, "timeout")));
        channel.writeAndFlush(buf, promise);
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                .addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }

    @Override
    public Emission prepare(List<Chunk> chunks, Completion completion) {
        ByteBuf buf = channel.alloc().buffer(chunks.size() * (beforeText.length + head.length + 64) + 256);
        long created = createdNow();
        boolean stampFirst = false;
        for (Chunk c : chunks) {
            if (fault != null && !firstContentSent && !c.text().isEmpty()
                    && fault.eventIdBeforeFirstContent(id) != null) {
                buf.writeBytes(fault.eventIdBeforeFirstContent(id));
            }
            buf.writeBytes(head);
            JsonText.writeLong(buf, created);
            buf.writeBytes(beforeText);
            JsonText.writeString(buf, c.text());
            buf.writeBytes(afterText);
            if (c.finishReason() == null) {
                buf.writeBytes(NULL_END);
            } else if (completion != null && completion.timings() != null) {
                // llama.cpp's server puts its timings on the final chunk
                buf.writeByte('"').writeBytes(JsonText.ascii(c.finishReason())).writeBytes(QUOTE_CLOSE_CHOICES)
                        .writeBytes(TimingsJson.member(completion.timings())).writeBytes(CHUNK_END);
            } else {
                buf.writeByte('"').writeBytes(JsonText.ascii(c.finishReason())).writeBytes(QUOTE_END);
            }
            contentChunksSent++;
            if (!firstContentSent && !c.text().isEmpty()) {
                firstContentSent = true;
                stampFirst = true;
                if (fault != null && fault.extraLineAfterFirstContent() != null) {
                    buf.writeBytes(fault.extraLineAfterFirstContent());
                }
            }
        }
        if (completion != null && includeUsage && (fault == null || !fault.omitsUsage())) {
            buf.writeBytes(head);
            JsonText.writeLong(buf, created);
            buf.writeBytes(modelPart);
            buf.writeBytes(USAGE_OPEN);
            writeUsage(buf, completion.tokenEvents(), completion.cachedPromptTokens(),
                    TimingsJson.member(completion.timings()));
        }
        if (completion != null && (fault == null || !fault.omitsDone())) {
            buf.writeBytes(DONE);
        }
        return new Write(buf, stampFirst, completion, chunks.size());
    }

    /** One step's bytes for this stream; {@link #send()} runs on the channel's event loop. */
    private final class Write implements Emission {
        private final ByteBuf buf;
        private final boolean stampFirst;
        private final Completion completion;
        private final int events;
        /** True while this write's flush runs: a promise completed meanwhile was written by that flush. */
        private boolean flushing;

        Write(ByteBuf buf, boolean stampFirst, Completion completion, int events) {
            this.buf = buf;
            this.stampFirst = stampFirst;
            this.completion = completion;
            this.events = events;
        }

        @Override
        public java.util.concurrent.Executor executor() {
            return channel.eventLoop();
        }

        @Override
        public void send() {
            if (fault != null && fault.defer(channel, this::send, stampFirst)) {
                return; // runs again, in order, when the fault's hold ends
            }
            if (ended) {
                buf.release(); // timed out meanwhile
                return;
            }
            eventsSent += events;
            if (events > 0) {
                lastTokenNanos = System.nanoTime();
                if (!tokenSeen) {
                    tokenSeen = true; // from now on the request timeout applies
                    if (timer != null && completion == null) {
                        timer.cancel(false);
                        armTimer(requestTimeoutNanos);
                    }
                }
            }
            if (completion != null) {
                ended = true;
                if (timer != null) {
                    timer.cancel(false);
                }
            }
            if (!stampFirst && completion == null) {
                channel.writeAndFlush(buf, channel.voidPromise());
                return;
            }
            boolean closeAtEnd = !keepAlive || fault != null && fault.closesAtEnd();
            ChannelPromise promise = channel.newPromise();
            long flushStartUs = EpochClock.nowMicros();
            promise.addListener(f -> {
                // Written within the flush below (the usual case): the bytes reached the client's socket inside that
                // call, so its start is the stamp. Stamping after it would add any time this thread lost its core
                // once the bytes were out, and a client on the same machine that wakes for them takes the core at
                // exactly that moment (seen: client stamps 4-16 ms "before" the write with the server at niceness 10).
                long now = flushing ? flushStartUs : EpochClock.nowMicros();
                if (stampFirst) {
                    firstContentWrittenUs = now;
                }
                if (completion != null) {
                    truth.add(new GroundTruth(id, receivedEpochUs, firstContentWrittenUs, f.isSuccess() ? now : null,
                            promptTokens, completion.tokenEvents(),
                            f.isSuccess() ? completion.finishReason() : "cancelled"));
                }
            });
            flushing = true;
            channel.writeAndFlush(buf, promise);
            flushing = false;
            if (completion != null) {
                channel.closeFuture().removeListener(onClose);
                channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                        .addListener(closeAtEnd ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
            } else if (stampFirst && fault != null) {
                fault.afterFirstContent(channel);
            }
        }
    }

    @Override
    public void onCancelled() {
        // On the channel's thread: ordered after a pending first-content stamp and after a timeout.
        channel.eventLoop().execute(() -> {
            if (ended) {
                return; // timed out: the stream was ended in-band already
            }
            ended = true;
            if (timer != null) {
                timer.cancel(false);
            }
            channel.closeFuture().removeListener(onClose);
            truth.add(new GroundTruth(id, receivedEpochUs, firstContentWrittenUs, null, promptTokens,
                    contentChunksSent, "cancelled"));
            if (channel.isOpen()) {
                channel.close();
            }
        });
    }

    /**
     * The usage object (with {@code prompt_tokens_details.cached_tokens} when known, as vLLM writes it), then
     * {@code timingsMember} (may be empty), then the chunk's end.
     */
    private void writeUsage(ByteBuf buf, int completionTokens, Integer cachedPromptTokens, byte[] timingsMember) {
        buf.writeBytes(PROMPT_TOKENS);
        JsonText.writeLong(buf, promptTokens);
        buf.writeBytes(COMPLETION_TOKENS);
        JsonText.writeLong(buf, completionTokens);
        buf.writeBytes(TOTAL_TOKENS);
        JsonText.writeLong(buf, (long) promptTokens + completionTokens);
        if (cachedPromptTokens != null) {
            buf.writeBytes(CACHED_TOKENS);
            JsonText.writeLong(buf, cachedPromptTokens);
            buf.writeByte('}');
        }
        buf.writeByte('}').writeBytes(timingsMember).writeBytes(CHUNK_END);
    }

    private static long createdNow() {
        return System.currentTimeMillis() / 1000;
    }

    private static final byte[] NULL_END = JsonText.ascii("null}]}\n\n");
    private static final byte[] QUOTE_END = JsonText.ascii("\"}]}\n\n");
    private static final byte[] USAGE_OPEN = JsonText.ascii(", \"choices\": [], \"usage\": ");
    private static final byte[] PROMPT_TOKENS = JsonText.ascii("{\"prompt_tokens\": ");
    private static final byte[] COMPLETION_TOKENS = JsonText.ascii(", \"completion_tokens\": ");
    private static final byte[] TOTAL_TOKENS = JsonText.ascii(", \"total_tokens\": ");
    private static final byte[] CACHED_TOKENS = JsonText.ascii(", \"prompt_tokens_details\": {\"cached_tokens\": ");
    private static final byte[] QUOTE_CLOSE_CHOICES = JsonText.ascii("\"}]");
    private static final byte[] CHUNK_END = JsonText.ascii("}\n\n");
}

package llmbench.bench.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N concurrent streaming completions, one connection each, on one Netty event loop (the machine's other
 * core is the server's). Non-blocking; each read is stamped with {@code System.nanoTime()} once and its raw
 * SSE bytes scanned by the stream's {@link StreamTimeline} (no JSON parsing, no per-token allocation by us).
 * Latches tell the driver when every stream has its first token, when the first stream finished, and when
 * all have ended (finished, failed or cut by {@link #close()}).
 */
final class StreamLoad implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("bench-client", true), NioIoHandler.newFactory());
    private final URI base;
    private final byte[] body;
    private final List<StreamTimeline> timelines = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final CountDownLatch allStarted;
    private final CountDownLatch firstFinished = new CountDownLatch(1);
    private final CountDownLatch allEnded;
    private volatile long firstFinishNanos = Long.MAX_VALUE;

    /** @param body the JSON body of POST /v1/completions (stream true, no usage chunk) */
    StreamLoad(URI base, int streams, String body, int maxTokens) {
        this.base = base;
        this.body = body.getBytes(StandardCharsets.UTF_8);
        this.allStarted = new CountDownLatch(streams);
        this.allEnded = new CountDownLatch(streams);
        for (int i = 0; i < streams; i++) {
            timelines.add(new StreamTimeline(maxTokens + 16));
        }
    }

    /** Opens every connection at once; each sends its request when connected. */
    void start() {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        for (StreamTimeline t : timelines) {
            b.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new Stream(t));
                }
            }).connect(base.getHost(), base.getPort()).addListener(f -> {
                if (f.isSuccess()) {
                    synchronized (channels) {
                        channels.add(((io.netty.channel.ChannelFuture) f).channel());
                    }
                } else {
                    failed.incrementAndGet();
                    allEnded.countDown();
                }
            });
        }
    }

    List<StreamTimeline> timelines() {
        return timelines;
    }

    boolean awaitAllStarted(long timeoutMs) throws InterruptedException {
        return allStarted.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    boolean awaitFirstFinished(long timeoutMs) throws InterruptedException {
        return firstFinished.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    boolean awaitAllEnded(long timeoutMs) throws InterruptedException {
        return allEnded.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** nanoTime of the read that ended the first finished stream, or Long.MAX_VALUE. */
    long firstFinishNanos() {
        return firstFinishNanos;
    }

    int started() {
        return started.get();
    }

    /** Streams that ended with {@code data: [DONE]}. */
    int finished() {
        return finished.get();
    }

    /** Streams that could not connect, got a non-200 answer or lost their connection before [DONE]. */
    int failed() {
        return failed.get();
    }

    /** Closes every connection (the server cancels what is still running) and the event loop. */
    @Override
    public void close() {
        synchronized (channels) {
            channels.forEach(Channel::close);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private final class Stream extends ChannelInboundHandlerAdapter {
        private final StreamTimeline timeline;
        private boolean ended;

        Stream(StreamTimeline timeline) {
            this.timeline = timeline;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/completions",
                    Unpooled.wrappedBuffer(body));
            req.headers().set(HttpHeaderNames.HOST, base.getHost() + ":" + base.getPort())
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.ACCEPT, "text/event-stream");
            ctx.writeAndFlush(req);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            long now = System.nanoTime();
            try {
                if (msg instanceof HttpResponse res && res.status().code() != 200) {
                    end(ctx, false, now);
                    return;
                }
                if (msg instanceof HttpContent content && !ended) {
                    boolean hadTokens = timeline.tokens() > 0;
                    timeline.feed(content.content(), now);
                    if (!hadTokens && timeline.tokens() > 0) {
                        started.incrementAndGet();
                        allStarted.countDown();
                    }
                    if (timeline.done()) {
                        end(ctx, true, now);
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void end(ChannelHandlerContext ctx, boolean done, long now) {
            if (ended) {
                return;
            }
            ended = true;
            if (done) {
                if (finished.incrementAndGet() == 1) {
                    firstFinishNanos = now;
                    firstFinished.countDown();
                }
            } else {
                failed.incrementAndGet();
            }
            allEnded.countDown();
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            end(ctx, false, System.nanoTime());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            end(ctx, false, System.nanoTime());
        }
    }
}

package llmbench.load.warmup;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP server inside the client's JVM that answers every POST with an OpenAI-style streamed chat
 * completion (role chunk, {@code contentChunks} one-word content chunks, a finish chunk with {@code usage},
 * {@code data: [DONE]}), each chunk its own write, as fast as it can; GET answers an empty model list. It exists
 * only to exercise the client's code before measuring ({@link ClientWarmup}); nothing it sends is a measurement
 * and no result reads it.
 */
public final class LoopbackStreamServer implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;
    private final int contentChunks;
    private final AtomicLong streams = new AtomicLong();

    private LoopbackStreamServer(int contentChunks) throws InterruptedException {
        this.contentChunks = contentChunks;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("client-warmup-loopback", true),
                NioIoHandler.newFactory());
        try {
            this.channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY_BYTES),
                                    new Responder());
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** Binds an ephemeral port on 127.0.0.1. */
    public static LoopbackStreamServer start(int contentChunks) {
        if (contentChunks < 1) {
            throw new IllegalArgumentException("contentChunks must be ≥ 1, got " + contentChunks);
        }
        try {
            return new LoopbackStreamServer(contentChunks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the loopback warm-up server", e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort());
    }

    /** Streams answered so far. */
    public long streams() {
        return streams.get();
    }

    /** Stops without waiting: callers may be on an event loop, which must not block. */
    @Override
    public void close() {
        channel.close();
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The chunks of one stream, as the server writes them: each element one SSE event. */
    static String[] events(String id, int contentChunks) {
        String head = "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"loopback\","
                + "\"choices\":[{\"index\":0,\"delta\":";
        String[] events = new String[contentChunks + 3];
        events[0] = head + "{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}";
        for (int i = 1; i <= contentChunks; i++) {
            events[i] = head + "{\"content\":\"w" + i + " \"},\"finish_reason\":null}]}";
        }
        events[contentChunks + 1] = head + "{},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":1,"
                + "\"completion_tokens\":" + contentChunks + ",\"total_tokens\":" + (contentChunks + 1) + "}}";
        events[contentChunks + 2] = "[DONE]";
        for (int i = 0; i < events.length; i++) {
            events[i] = "data: " + events[i] + "\n\n";
        }
        return events;
    }

    private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!HttpMethod.POST.equals(request.method())) {
                var reply = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.copiedBuffer("{\"object\":\"list\",\"data\":[]}", StandardCharsets.UTF_8));
                reply.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                HttpUtil.setContentLength(reply, reply.content().readableBytes());
                HttpUtil.setKeepAlive(reply, keepAlive);
                var written = ctx.writeAndFlush(reply);
                if (!keepAlive) {
                    written.addListener(ChannelFutureListener.CLOSE);
                }
                return;
            }
            var head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            HttpUtil.setTransferEncodingChunked(head, true);
            HttpUtil.setKeepAlive(head, keepAlive);
            ctx.write(head);
            for (String event : events("chatcmpl-loopback-" + streams.incrementAndGet(), contentChunks)) {
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(event, StandardCharsets.UTF_8)));
            }
            var end = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                end.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a client that went away mid-stream; the warm-up counts its own failures
        }
    }
}

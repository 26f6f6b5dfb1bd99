package llmbench.refserver.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * Pipeline of an accepted connection: HTTP/1.1 codec and {@link BodyLimiter} on the event loop (I/O
 * only), then {@link ApiHandler} on {@code apiExecutors}.
 */
public final class HttpServerInitializer extends ChannelInitializer<SocketChannel> {
    private final ServerContext server;
    private final EventExecutorGroup apiExecutors;
    private final ChannelGroup channels;
    private final ApiHandler api;

    public HttpServerInitializer(ServerContext server, EventExecutorGroup apiExecutors, ChannelGroup channels) {
        this.server = server;
        this.apiExecutors = apiExecutors;
        this.channels = channels;
        this.api = new ApiHandler(server);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ch.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("body", new BodyLimiter(server.config().maxRequestBytes()))
                .addLast(apiExecutors, "api", api);
    }
}

package llmbench.refserver.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.util.concurrent.Executor;

/**
 * Pipeline of an accepted connection, all on its event loop: HTTP/1.1 codec, {@link BodyLimiter}, and
 * {@link ApiHandler}, which passes each complete request on to {@code apiPool}.
 */
public final class HttpServerInitializer extends ChannelInitializer<SocketChannel> {
    private final ServerContext server;
    private final ChannelGroup channels;
    private final ApiHandler api;

    public HttpServerInitializer(ServerContext server, Executor apiPool, ChannelGroup channels) {
        this.server = server;
        this.channels = channels;
        this.api = new ApiHandler(server, apiPool);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ch.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("expect", new HttpServerExpectContinueHandler()) // curl sends Expect for bodies > 1 KiB
                .addLast("body", new BodyLimiter(server.config().maxRequestBytes()))
                .addLast("api", api);
    }
}

package llmbench.refserver.http;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Which Netty transport the server's event loops use: Linux's native epoll when Netty can load it (its
 * socket writes go straight to {@code writev} and its timers to {@code timerfd}, so a step's sends scheduled
 * on an event loop fire within microseconds of the step's end), else Java NIO. The name is shown in the
 * start line and in {@code /health} ({@code transport}). {@code -Dio.netty.transport.noNative=true} forces NIO.
 *
 * @param name "epoll" or "nio"
 */
public record Transport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel) {

    /** epoll if available on this machine, else NIO. */
    public static Transport best() {
        if (Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
}

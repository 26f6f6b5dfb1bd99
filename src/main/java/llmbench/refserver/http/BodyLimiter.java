package llmbench.refserver.http;

import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import llmbench.clock.EpochClock;

/**
 * Collects a request's body on the event loop and enforces the size limit like the seed's
 * request_size_guard: a declared Content-Length above the limit, or more bytes actually received, gives
 * 413 at once. The rest of an oversized body is still read (and dropped) before the connection is
 * closed, so the client gets to read the 413 instead of a reset.
 */
final class BodyLimiter extends ChannelInboundHandlerAdapter {
    private final int maxBytes;
    private HttpRequest head;
    private CompositeByteBuf body;
    private boolean discarding;

    BodyLimiter(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest req) {
                startRequest(ctx, req);
            }
            if (msg instanceof HttpContent content) {
                addContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startRequest(ChannelHandlerContext ctx, HttpRequest req) {
        releaseBody();
        head = req;
        discarding = false;
        if (req.decoderResult().isFailure()) {
            discarding = true;
            Responses.error(ctx.channel(), ApiError.http(400, "Bad request"), false);
            return;
        }
        body = ctx.alloc().compositeBuffer();
        if (guarded(req) && HttpUtil.getContentLength(req, -1L) > maxBytes) {
            refuse(ctx);
        }
    }

    private void addContent(ChannelHandlerContext ctx, HttpContent content) {
        if (!discarding && body != null) {
            body.addComponent(true, content.content().retain());
            if (guarded(head) && body.readableBytes() > maxBytes) {
                refuse(ctx);
            }
        }
        if (content instanceof LastHttpContent) {
            if (discarding) {
                ctx.channel().writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
                        .addListener(ChannelFutureListener.CLOSE);
            } else if (body != null) {
                ReceivedRequest r = new ReceivedRequest(head, body, EpochClock.nowMicros());
                body = null;
                ctx.fireChannelRead(r);
            }
        }
    }

    private void refuse(ChannelHandlerContext ctx) {
        discarding = true;
        releaseBody();
        Responses.errorThenClose(ctx.channel(), ApiError.bodyTooLarge(maxBytes));
    }

    private static boolean guarded(HttpRequest req) {
        HttpMethod m = req.method();
        return (m.equals(HttpMethod.POST) || m.equals(HttpMethod.PUT) || m.equals(HttpMethod.PATCH))
                && req.uri().startsWith("/v1/");
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseBody();
        ctx.fireChannelInactive();
    }
}

package llmbench.refserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Complete (non-streaming) JSON responses, including the two error shapes. */
final class Responses {
    static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    /**
     * Writes a JSON response. {@code keepAlive == false} sends {@code Connection: close}; the channel is
     * then closed after the write unless {@code closeLater} (the caller closes it itself).
     */
    static ChannelFuture send(Channel ch, HttpResponseStatus status, byte[] body, boolean keepAlive,
                              boolean closeLater, ChannelPromise promise) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture f = ch.writeAndFlush(res, promise == null ? ch.newPromise() : promise);
        if (!keepAlive && !closeLater) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
        return f;
    }

    static ChannelFuture json(Channel ch, HttpResponseStatus status, Object node, boolean keepAlive) {
        return send(ch, status, bytes(node), keepAlive, false, null);
    }

    static ChannelFuture text(Channel ch, HttpResponseStatus status, String contentType, String body, boolean keepAlive) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture f = ch.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
        return f;
    }

    /** The OpenAI envelope; closes the connection after the write unless keep-alive. */
    static void error(Channel ch, ApiError e, boolean keepAlive) {
        send(ch, e.status(), envelope(e), keepAlive, false, null);
    }

    /** The OpenAI envelope with {@code Connection: close}, leaving the closing to the caller. */
    static void errorThenClose(Channel ch, ApiError e) {
        send(ch, e.status(), envelope(e), false, true, null);
    }

    private static byte[] envelope(ApiError e) {
        ObjectNode inner = JSON.createObjectNode();
        inner.put("message", e.getMessage());
        inner.put("type", e.type());
        inner.put("code", e.code());
        ObjectNode root = JSON.createObjectNode();
        root.set("error", inner);
        return bytes(root);
    }

    /** The router's own shape, {@code {"detail": ...}}, used only for 404 and 405 as in the seed. */
    static void detail(Channel ch, HttpResponseStatus status, String detail, boolean keepAlive) {
        ObjectNode root = JSON.createObjectNode();
        root.put("detail", detail);
        json(ch, status, root, keepAlive);
    }

    static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package llmbench.refserver.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A request read completely by {@link BodyLimiter}; the receiver owns (and must release) {@code body}.
 *
 * @param receivedEpochUs when the last byte of the request had been read
 */
record ReceivedRequest(HttpRequest head, ByteBuf body, long receivedEpochUs) {
}

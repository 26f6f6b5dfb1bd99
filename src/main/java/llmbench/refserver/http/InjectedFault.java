package llmbench.refserver.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import llmbench.refserver.fault.FaultKind;
import llmbench.refserver.groundtruth.GroundTruth;
import llmbench.refserver.groundtruth.GroundTruthLog;
import llmbench.refserver.settings.FaultSettings;

/**
 * Carries out one request's {@link FaultKind}. A fault that happens before a response
 * ({@link #refuse}) is recorded in the ground truth with finish reason {@code "fault"}; a stream fault is
 * carried out by the {@link SseStream} it is given to, which asks it at three points: what to leave out of a
 * write ({@link #omitsUsage}, {@link #omitsDone}, {@link #extraLineAfterFirstContent}), whether a write waits
 * ({@link #defer}) and what follows a write that carried the first content ({@link #afterFirstContent}). Either
 * way the request's id is marked with the kind in the ground truth ({@code GET /debug/requests} "fault").
 * Stream methods run on the channel's event loop only.
 */
final class InjectedFault {
    /** A {@code data:} line whose payload is not JSON (and carries no quoted content, so it is never a token). */
    static final byte[] MALFORMED_LINE = JsonText.ascii("data: {\"choices\": [{\"delta\": {\"content\": \n\n");

    private final FaultKind kind;
    private final long holdNanos;
    private final ArrayDeque<Runnable> held = new ArrayDeque<>();
    private boolean holding;
    private boolean triggered;

    private InjectedFault(FaultKind kind, long holdNanos) {
        this.kind = kind;
        this.holdNanos = holdNanos;
    }

    /** The stream part of a fault, or null for a kind that is no stream fault. */
    static InjectedFault forStream(FaultKind kind, FaultSettings settings) {
        return switch (kind) {
            case STALL_MID_STREAM -> new InjectedFault(kind, (long) (settings.stallS() * 1e9));
            case SLOW_FIRST_TOKEN -> new InjectedFault(kind, (long) (settings.slowFirstTokenS() * 1e9));
            case CLOSE_MID_STREAM, MALFORMED_SSE_LINE, NO_DONE, NO_USAGE -> new InjectedFault(kind, 0);
            default -> null;
        };
    }

    /**
     * A fault before any response byte: an error status (thrown as {@link ApiError}, which the handler
     * answers), a closed connection, or the end of the process. Recorded in {@code truth} first.
     */
    static void refuse(FaultKind kind, Channel ch, String id, long receivedEpochUs, GroundTruthLog truth) {
        if (kind == FaultKind.KILL) {
            System.err.println("reference server: injected fault kill at request " + id + ": halting with status 137");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
        truth.markFault(id, kind.wireName());
        truth.add(new GroundTruth(id, receivedEpochUs, null, null, 0, 0, "fault"));
        String message = "Injected fault " + kind.wireName();
        switch (kind) {
            case HTTP_429 -> throw new ApiError(HttpResponseStatus.TOO_MANY_REQUESTS, "rate_limit_error",
                    "rate_limit_exceeded", message);
            case HTTP_500 -> throw ApiError.http(500, message);
            case HTTP_503 -> throw ApiError.http(503, message);
            case CLOSE_BEFORE_FIRST_BYTE -> ch.close();
            default -> throw new IllegalArgumentException(kind + " is a stream fault");
        }
    }

    String wireName() {
        return kind.wireName();
    }

    boolean omitsUsage() {
        return kind == FaultKind.NO_USAGE;
    }

    boolean omitsDone() {
        return kind == FaultKind.NO_DONE;
    }

    /** The connection closes after the last write (a client waiting for [DONE] would otherwise wait on). */
    boolean closesAtEnd() {
        return kind == FaultKind.NO_DONE;
    }

    /**
     * An SSE {@code id:} line for the event of the first content chunk, or null. Only a stream that will break
     * carries one, so that a client which reconnects and re-sends the request says so ({@code Last-Event-ID}).
     */
    byte[] eventIdBeforeFirstContent(String responseId) {
        return kind == FaultKind.CLOSE_MID_STREAM ? JsonText.ascii("id: " + responseId + "\n") : null;
    }

    /** Bytes to append to the write that carries the first content chunk, or null. */
    byte[] extraLineAfterFirstContent() {
        return kind == FaultKind.MALFORMED_SSE_LINE ? MALFORMED_LINE : null;
    }

    /**
     * True when {@code write} must wait: it is queued and run, in order, when the hold ends. A slow first
     * token starts holding at the write that carries the first content; a stall holds everything after it.
     */
    boolean defer(Channel ch, Runnable write, boolean carriesFirstContent) {
        if (holding) {
            held.add(write);
            return true;
        }
        if (kind == FaultKind.SLOW_FIRST_TOKEN && carriesFirstContent && !triggered) {
            triggered = true;
            held.add(write);
            hold(ch);
            return true;
        }
        return false;
    }

    /** Right after the write that carried the first content: cut the connection, or start the stall. */
    void afterFirstContent(Channel ch) {
        if (kind == FaultKind.CLOSE_MID_STREAM) {
            ch.close();
        } else if (kind == FaultKind.STALL_MID_STREAM && !triggered) {
            triggered = true;
            hold(ch);
        }
    }

    /**
     * Holds writes for {@code holdNanos}, or until the client goes away: a held write may be the one that ends
     * the stream (and records its ground truth), so it must still run, against the closed channel.
     */
    private void hold(Channel ch) {
        holding = true;
        ch.eventLoop().schedule(this::release, holdNanos, TimeUnit.NANOSECONDS);
        ch.closeFuture().addListener(f -> ch.eventLoop().execute(this::release));
    }

    private void release() {
        holding = false;
        while (!held.isEmpty() && !holding) {
            held.poll().run();
        }
    }
}

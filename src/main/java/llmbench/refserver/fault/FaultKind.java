package llmbench.refserver.fault;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What can go wrong with one generation request on purpose. Each kind names the point where the server
 * departs from a correct reply and what a client should make of it (docs/reference-server.md, "Fault
 * injection"). Only {@link #KILL} is not in {@link #DEFAULTS}: it ends the whole server process.
 */
public enum FaultKind {
    /** Refused before the engine sees it: 429 rate_limit_exceeded with the OpenAI error envelope. */
    HTTP_429(true),
    /** Refused before the engine sees it: 500 server_error. */
    HTTP_500(true),
    /** Refused before the engine sees it: 503 server_error. */
    HTTP_503(true),
    /** The connection is closed before any byte of a response. */
    CLOSE_BEFORE_FIRST_BYTE(true),
    /** Stream: the connection is closed right after the first content chunk went out. */
    CLOSE_MID_STREAM(false),
    /** Stream: after the first content chunk nothing is written for the stall time, then the rest follows. */
    STALL_MID_STREAM(false),
    /** Stream: a {@code data:} line that is not JSON follows the first content chunk; the rest is correct. */
    MALFORMED_SSE_LINE(false),
    /** Stream: every chunk and the usage chunk, but no {@code data: [DONE]}; the connection is then closed. */
    NO_DONE(false),
    /** Stream: no usage chunk although the request asked for one. */
    NO_USAGE(false),
    /** Stream: the first content chunk (and all after it) is held back for the slow-first-token time. */
    SLOW_FIRST_TOKEN(false),
    /** The server process halts at once (exit status 137, as after SIGKILL), leaving every stream cut. */
    KILL(true);

    /** Kinds used when none are named: every kind but {@link #KILL}. */
    public static final String DEFAULTS = Arrays.stream(values()).filter(k -> k != KILL).map(FaultKind::wireName)
            .collect(Collectors.joining(","));

    private final boolean beforeResponse;

    FaultKind(boolean beforeResponse) {
        this.beforeResponse = beforeResponse;
    }

    /** True when the fault happens before a response starts, so it applies to streamed and buffered requests alike. */
    public boolean beforeResponse() {
        return beforeResponse;
    }

    /** The name on the command line and in {@code /debug/requests}: {@code http_429}, {@code no_done}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a wire name; {@link IllegalArgumentException} with the known names otherwise. */
    public static FaultKind of(String wireName) {
        for (FaultKind k : values()) {
            if (k.wireName().equals(wireName.strip().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fault kind '" + wireName + "'; known: "
                + Arrays.stream(values()).map(FaultKind::wireName).collect(Collectors.joining(", ")));
    }
}

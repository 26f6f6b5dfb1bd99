package llmbench.refserver.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * An error answered with the OpenAI envelope {@code {"error":{"message","type","code"}}}, with the
 * statuses, types, codes and messages of the seed server (its §1.2).
 */
public final class ApiError extends RuntimeException {
    private final HttpResponseStatus status;
    private final String type;
    private final String code;

    public ApiError(HttpResponseStatus status, String type, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    /** The seed's rule for its own HTTPExceptions: type by status class, code = the status as a string. */
    static ApiError http(int status, String message) {
        return new ApiError(HttpResponseStatus.valueOf(status), status < 500 ? "invalid_request_error" : "server_error",
                Integer.toString(status), message);
    }

    static ApiError validation(List<String> problems) {
        return new ApiError(HttpResponseStatus.UNPROCESSABLE_ENTITY, "invalid_request_error", "validation_error",
                String.join("; ", problems));
    }

    static ApiError bodyTooLarge(int maxBytes) {
        return new ApiError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "invalid_request_error", "request_too_large",
                "Request body too large (max " + maxBytes + " bytes)");
    }

    static ApiError queueFull(int maxQueueSize) {
        return http(429, "Request queue is full (max_size=" + maxQueueSize + ")");
    }

    /** KV blocks used/total at or above the memory-pressure threshold. */
    static ApiError memoryPressure() {
        return new ApiError(HttpResponseStatus.SERVICE_UNAVAILABLE, "server_error", "memory_pressure",
                "Server under memory pressure, please retry later");
    }

    /** The concurrency limiter's 429 (seed §1.1). */
    static ApiError atCapacity() {
        return new ApiError(HttpResponseStatus.TOO_MANY_REQUESTS, "rate_limit_error", "rate_limit_exceeded",
                "Server is at capacity, please retry later");
    }

    static ApiError unauthorized(String message) {
        return new ApiError(HttpResponseStatus.UNAUTHORIZED, "authentication_error", "invalid_api_key", message);
    }

    static ApiError internal() {
        return http(500, "Internal server error");
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** May be null (the envelope then carries {@code "code": null}). */
    public String code() {
        return code;
    }
}

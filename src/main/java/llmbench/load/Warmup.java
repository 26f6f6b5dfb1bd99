package llmbench.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.repeat;

import io.gatling.javaapi.core.ChainBuilder;

/**
 * Warm-up requests: sent one after another before measuring (the JVM's first request pays class loading and
 * connection set-up), recorded with case "warmup" and left out of results.
 */
public final class Warmup {
    private Warmup() {
    }

    /** {@code n} streamed requests with {@code body}, request index 0..n-1, run 0. */
    public static ChainBuilder requests(StreamingRequest request, int n, String body) {
        return repeat(n, StreamingRequest.REQUEST_IDX).on(
                exec(s -> s.set(StreamingRequest.BODY, body).set(StreamingRequest.RUN, 0))
                        .exec(request.chain("warmup", true)));
    }
}

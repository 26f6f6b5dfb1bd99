package llmbench.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import llmbench.counters.SnapshotBook;

/**
 * The cases of the one-request-at-a-time benchmarks (the plan's bench_single, bench_cache, bench_memory,
 * bench_ngram) as the chain of their one user: the cases in order, each case one request of its {@link Kind}, with the
 * server's counters read before and after a case when the benchmark asks for them (readings are named
 * {@code "<case> before"} / {@code "<case> after"}), and a pause after each case.
 */
public final class CaseSequence {
    /** How a case's request is sent. */
    public enum Kind {
        STREAM_CHAT("/v1/chat/completions", true),
        STREAM_COMPLETION("/v1/completions", true),
        RESPONSE_CHAT("/v1/chat/completions", false),
        RESPONSE_COMPLETION("/v1/completions", false);

        public final String path;
        public final boolean streamed;

        Kind(String path, boolean streamed) {
            this.path = path;
            this.streamed = streamed;
        }
    }

    /**
     * @param fields the seed's per-case fields that describe it (prompt_key, max_tokens, category …), in order
     */
    public record Case(String name, Kind kind, String body, Map<String, Object> fields, Duration pauseAfter) {
    }

    private final List<Case> cases;
    private final List<String> countersAround;
    private final String warmupBody;
    private final int warmups;

    /** @param countersAround counter paths read before and after every case (empty: none) */
    public CaseSequence(List<Case> cases, List<String> countersAround, String warmupBody, int warmups) {
        this.cases = List.copyOf(cases);
        this.countersAround = List.copyOf(countersAround);
        this.warmupBody = warmupBody;
        this.warmups = warmups;
    }

    public List<Case> cases() {
        return cases;
    }

    /** The request chain of a case: the streamed or the non-streamed request, on the kind's path. */
    @FunctionalInterface
    public interface Requests {
        ChainBuilder chain(Kind kind, String caseName, boolean warmup);
    }

    /** The one user's chain: warm-ups, then every case in order with its readings and pause. */
    public ChainBuilder chain(Requests requests, SnapshotBook counters) {
        ChainBuilder chain = exec(s -> s);
        for (int w = 0; w < warmups; w++) {
            chain = chain.exec(s -> s.set(StreamingRequest.BODY, warmupBody).set(StreamingRequest.RUN, 0))
                    .exec(requests.chain(Kind.STREAM_CHAT, "warmup", true));
        }
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            int idx = i;
            if (!countersAround.isEmpty()) {
                chain = chain.exec(CounterStep.read(counters, c.name() + " before", countersAround));
            }
            chain = chain.exec(s -> s.set(StreamingRequest.BODY, c.body()).set(StreamingRequest.RUN, 1)
                            .set(StreamingRequest.REQUEST_IDX, idx))
                    .exec(requests.chain(c.kind(), c.name(), false));
            if (!countersAround.isEmpty()) {
                chain = chain.exec(CounterStep.read(counters, c.name() + " after", countersAround));
            }
            if (!c.pauseAfter().isZero()) {
                chain = chain.exec(pause(c.pauseAfter()));
            }
        }
        return chain;
    }
}

package llmbench.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.List;
import llmbench.counters.SnapshotBook;

/**
 * A scenario step that reads server counters between requests without blocking Gatling's event loop: it
 * starts the reads (they run on the counter reader's threads) and then pauses in 20 ms steps until every
 * read has answered or timed out.
 */
public final class CounterStep {
    private static final Duration POLL = Duration.ofMillis(20);

    private CounterStep() {
    }

    public static ChainBuilder read(SnapshotBook book, String name, List<String> paths) {
        return exec(s -> {
            paths.forEach(p -> book.start(name, p));
            return s;
        }).asLongAs(s -> paths.stream().anyMatch(p -> !book.done(name, p))).on(pause(POLL));
    }
}

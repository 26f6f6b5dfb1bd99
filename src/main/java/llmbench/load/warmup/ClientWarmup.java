package llmbench.load.warmup;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import llmbench.load.StreamingRequest;
import llmbench.timing.CapturedStream;
import llmbench.timing.RecordSink;
import llmbench.timing.RequestRecord;
import llmbench.timing.StreamRecordExtractor;

/**
 * The populations that warm the client up before anything goes to the target (see the package doc): waves of
 * {@link #WAVE} users at once, each sending one streamed request (the simulation's own request path, with the
 * simulation's warm-up body) to a {@link LoopbackStreamServer}, and every capture extracted as a record would be;
 * then one user that stops the server and prints one line with what the warm-up did. Nothing of it is in the
 * results: the records are counted and dropped, and the requests never reach the target.
 */
public final class ClientWarmup {
    /** Users at once in one wave: the burst shape the measured batches have, on new connections. */
    static final int WAVE = 128;
    /** Content chunks per loopback stream: enough for the per-message path to be compiled too. */
    static final int CHUNKS = 32;

    /** From this many streams sent at once, a cold client measurably misstamps first tokens (BENCHMARKS.md). */
    static final int AUTO_FROM_BURST = 64;
    /** Loopback streams of the default warm-up: enough for C1 (and most of C2) to have compiled the send path. */
    static final int AUTO_STREAMS = 512;

    private final LoopbackStreamServer server;
    private final StreamingRequest request;
    private final int streams;
    private final Tally tally = new Tally();
    private final PrintStream out;
    private volatile long startedNanos;

    private ClientWarmup(String simulation, int streams, Duration timeout, PrintStream out) {
        this.streams = streams;
        this.out = out;
        this.server = LoopbackStreamServer.start(CHUNKS);
        this.request = new StreamingRequest(simulation, "/v1/chat/completions", timeout, null, tally);
    }

    /**
     * How many loopback streams to run: {@code given} when the user set it, else {@link #AUTO_STREAMS} when the
     * simulation sends {@link #AUTO_FROM_BURST} or more streams at once and none otherwise. Up to 8 streams at once
     * a cold client's stamps are within a few ms anyway, and the warm-up's rows in Gatling's report (Gatling has no
     * way to keep SSE rows out of it) would outnumber the run's own.
     */
    public static int streamsFor(Integer given, int largestBurst) {
        if (given != null) {
            return given;
        }
        return largestBurst >= AUTO_FROM_BURST ? AUTO_STREAMS : 0;
    }

    /**
     * The warm-up's populations, to run first and in order; none when {@code streams} is 0.
     *
     * @param body the JSON body each loopback request sends (the simulation's warm-up body, so the request
     *             building works on a body of the measured size)
     */
    public static List<PopulationBuilder> populations(String simulation, int streams, String body, Duration timeout,
                                                      PrintStream out) {
        if (streams == 0) {
            return List.of();
        }
        ClientWarmup warmup;
        try {
            warmup = new ClientWarmup(simulation, streams, timeout, out);
        } catch (RuntimeException e) { // the run can still measure; its first burst's stamps are then a cold JVM's
            out.println("gatling-llm-bench: client warm-up skipped: the loopback server did not start (" + e + ")");
            return List.of();
        }
        return warmup.build(body);
    }

    private List<PopulationBuilder> build(String body) {
        var protocol = StreamingRequest.protocol(server.baseUrl().toString());
        List<PopulationBuilder> steps = new ArrayList<>();
        int waves = (streams + WAVE - 1) / WAVE;
        for (int w = 1; w <= waves; w++) {
            int users = Math.min(WAVE, streams - (w - 1) * WAVE);
            int wave = w;
            steps.add(scenario("client warm-up " + w + "/" + waves + " (loopback, not sent to the target)")
                    .exec(s -> {
                        if (wave == 1 && startedNanos == 0) {
                            startedNanos = System.nanoTime();
                        }
                        return s.set(StreamingRequest.BODY, body);
                    })
                    .exec(request.chain("client warm-up", true))
                    .injectOpen(atOnceUsers(users)).protocols(protocol));
        }
        steps.add(scenario("client warm-up done").exec(exec(s -> {
            server.close();
            out.println("gatling-llm-bench: " + tally.describe(streams, System.nanoTime() - startedNanos));
            return s;
        })).injectOpen(atOnceUsers(1)).protocols(protocol));
        return steps;
    }

    /** Counts the warm-up's streams; extracts each record (that code is warmed too) and keeps the first failure. */
    static final class Tally implements RecordSink {
        private final StreamRecordExtractor extractor = new StreamRecordExtractor();
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger complete = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicReference<String> firstFailure = new AtomicReference<>();

        @Override
        public void sent() {
            sent.incrementAndGet();
        }

        @Override
        public void accept(CapturedStream stream) {
            String failure;
            try {
                RequestRecord r = extractor.extract(stream);
                failure = r.succeeded() && r.firstTokenUs() != null ? null : r.error() == null ? "no token" : r.error();
            } catch (RuntimeException e) {
                failure = "record could not be extracted: " + e;
            }
            if (failure == null) {
                complete.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, failure);
            }
        }

        String describe(int planned, long nanos) {
            String line = String.format(java.util.Locale.ROOT,
                    "client warm-up: %d of %d loopback streams complete in %.1f s (inside this JVM, nothing sent to "
                            + "the target; Gatling's report shows them as group 'client warm-up')",
                    complete.get(), planned, nanos / 1e9);
            if (failed.get() > 0 || sent.get() != planned) {
                line += String.format(java.util.Locale.ROOT, "; %d sent, %d failed, first failure: %s",
                        sent.get(), failed.get(), firstFailure.get());
            }
            return line;
        }
    }
}

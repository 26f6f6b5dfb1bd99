package llmbench.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import llmbench.refserver.profile.PerformanceProfile;
import llmbench.refserver.profile.ProfileLoader;
import llmbench.refserver.scheduler.BatchScheduler;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How many concurrent streams the reference server carries while its token schedule keeps to the
 * profile. Per level N: a fresh server JVM; a warm-up round of max(N, {@code --warmup-streams}) short
 * streams; then N streams of
 * {@code --max-tokens} (&lt; 200, so every stream ends by length, never by the text model's EOS), repeated
 * {@code --rounds} times. In each round, once every stream has its first token and {@code --settle-ms}
 * passed, the steady-state window opens (server emit-lag window reset); it closes when the first stream
 * finishes (all N decode in between, nothing prefills); the rounds' windows add up (HdrHistograms). Reported per level: client-observed |inter-token interval − T(N,0)| (see
 * {@link IntervalDeviation}) and the server's per-step emit lag over the same window.
 *
 * <pre>mvn -q compile exec:java -Dexec.mainClass=llmbench.bench.server.StreamCapacityBench \
 *     -Dexec.args="--streams 100,250,500,1000,2000"</pre>
 */
@Command(name = "stream-capacity-bench", mixinStandardHelpOptions = true,
        description = "Concurrent streams the reference server sustains within a p99 deviation of its profile.")
public final class StreamCapacityBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--streams", split = ",", description = "Stream counts, one level each (default: ${DEFAULT-VALUE}).")
    List<Integer> streams = List.of(100, 250, 500, 1000, 2000);

    @Option(names = "--profile", description = "Server profile (default: ${DEFAULT-VALUE}).")
    String profile = "simulations-data/profiles/streams-2000.json";

    @Option(names = "--max-tokens", description = "Tokens per measured stream, < 200 (default: ${DEFAULT-VALUE}).")
    int maxTokens = 199;

    @Option(names = "--warmup-tokens", description = "Tokens per warm-up stream; 0 = no warm-up (default: ${DEFAULT-VALUE}).")
    int warmupTokens = 40;

    @Option(names = "--warmup-streams",
            description = "Warm-up streams at least (so small levels warm the JIT too; default: ${DEFAULT-VALUE}).")
    int warmupStreams = 500;

    @Option(names = "--rounds", description = "Measured rounds per level; their windows add up (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--settle-ms", description = "Wait after the last first token before the window opens (default: ${DEFAULT-VALUE}).")
    long settleMs = 500;

    @Option(names = "--level-timeout-s", description = "Longest a level may take (default: ${DEFAULT-VALUE}).")
    long levelTimeoutS = 240;

    @Option(names = "--criterion-ms", description = "p99 limit of the verdict (default: ${DEFAULT-VALUE}).")
    double criterionMs = 2.0;

    @Option(names = "--server-jvm-opts", split = " ", description = "Server JVM options (default: ${DEFAULT-VALUE}).")
    List<String> serverJvmOpts = List.of("-Xmx1g");

    @Option(names = "--server-chrt", description = "Start the whole server JVM under `chrt -f <priority>` (SCHED_FIFO; "
            + "needs CAP_SYS_NICE, e.g. root); 0 = normal priority (default: ${DEFAULT-VALUE}).")
    int serverChrt = 0;

    @Option(names = "--server-realtime-priority", description = "Passed to the server as --realtime-priority: only its "
            + "step loop and event loops under SCHED_FIFO; 0 = off (default: ${DEFAULT-VALUE}).")
    int serverRealtimePriority = 0;

    @Option(names = "--log-dir", description = "Server stderr logs (default: ${DEFAULT-VALUE}).")
    Path logDir = Path.of("target", "stream-capacity");

    private final HttpClient control = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        if (serverChrt < 0 || serverChrt > 99 || serverRealtimePriority < 0 || serverRealtimePriority > 99) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--server-chrt and --server-realtime-priority must be between 0 and 99");
        }
        if (maxTokens < 2 || maxTokens >= 200) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--max-tokens must be between 2 and 199 (200+ may end early at the text model's EOS)");
        }
        PerformanceProfile p = ProfileLoader.load(profile);
        Files.createDirectories(logDir);
        System.out.println("profile " + profile + ": a " + p.stepBaseMs() + " ms, b " + p.perDecodeSequenceMs()
                + " ms, max batch " + p.maxBatchSize() + "; " + Runtime.getRuntime().availableProcessors()
                + " cores; java " + System.getProperty("java.version")
                + (serverChrt > 0 ? "; server under chrt -f " + serverChrt : "")
                + (serverRealtimePriority > 0 ? "; server --realtime-priority " + serverRealtimePriority : ""));
        List<LevelResult> results = new ArrayList<>();
        for (int n : streams) {
            if (n > p.maxBatchSize()) {
                System.out.println("skip " + n + ": more than the profile's max batch " + p.maxBatchSize());
                continue;
            }
            LevelResult r = runLevel(n, p);
            results.add(r);
            System.out.println("level done: " + r.markdownRow(criterionMs));
        }
        System.out.println();
        System.out.println(LevelResult.HEADER);
        results.forEach(r -> System.out.println(r.markdownRow(criterionMs)));
        int best = results.stream().filter(r -> r.serverWithin(criterionMs)).mapToInt(LevelResult::streams).max().orElse(0);
        int bestClient = results.stream().filter(r -> r.clientWithin(criterionMs)).mapToInt(LevelResult::streams).max().orElse(0);
        System.out.println();
        System.out.println("highest level with server emit lag p99 <= " + criterionMs + " ms: " + best
                + "; with client-observed deviation p99 <= " + criterionMs + " ms (all complete): " + bestClient);
        return 0;
    }

    private LevelResult runLevel(int n, PerformanceProfile p) throws IOException, InterruptedException {
        String load = loadAvg1m();
        long deadline = System.nanoTime() + levelTimeoutS * 1_000_000_000L;
        List<String> args = List.of("--port", "0", "--profile", profile, "--max-queue-size", String.valueOf(Math.max(128, 2 * n)),
                "--num-blocks", String.valueOf(Math.max(2048, 32 * n)), "--utilization-excludes-idle-cache",
                "--kv-bits", "0", "--first-token-timeout-s", "600", "--request-timeout-s", "600",
                "--realtime-priority", String.valueOf(serverRealtimePriority));
        try (ServerProcess server = ServerProcess.start(serverChrt, serverJvmOpts, args,
                logDir.resolve("server-" + n + ".log"))) {
            URI base = URI.create(server.baseUrl());
            if (warmupTokens > 0) { // the server JVM is new: let the JIT see the whole path first
                int w = Math.min(Math.max(n, warmupStreams), p.maxBatchSize());
                try (StreamLoad warm = new StreamLoad(base, w, body(warmupTokens), warmupTokens)) {
                    warm.start();
                    warm.awaitAllEnded(remainingMs(deadline) / 3);
                }
            }
            String note = "";
            double expectedMs = p.stepMillis(n, 0);
            IntervalDeviation client = new IntervalDeviation();
            Histogram serverLag = new Histogram(3);
            long windowNanos = 0;
            int started = 0;
            int completed = 0;
            int failed = 0;
            int round = 0;
            while (round < rounds && remainingMs(deadline) > 1) {
                round++;
                try (StreamLoad run = new StreamLoad(base, n, body(maxTokens), maxTokens)) {
                    run.start();
                    if (!run.awaitAllStarted(remainingMs(deadline))) {
                        note = "round " + round + ": " + run.started() + " of " + n + " started";
                    }
                    Thread.sleep(Math.min(settleMs, remainingMs(deadline)));
                    long windowStart = System.nanoTime();
                    post(base, "/debug/emit_lag/reset"); // ramp-up and warm-up steps leave the window
                    if (!run.awaitFirstFinished(remainingMs(deadline))) {
                        note = "level timed out in round " + round;
                    }
                    long windowEnd = Math.min(run.firstFinishNanos(), System.nanoTime());
                    serverLag.add(decode(post(base, "/debug/emit_lag/reset").path("histogram").asText()));
                    run.awaitAllEnded(remainingMs(deadline));
                    client.add(run.timelines(), windowStart, windowEnd, expectedMs);
                    windowNanos += Math.max(0, windowEnd - windowStart);
                    started += run.started();
                    completed += run.finished();
                    failed += run.failed();
                }
            }
            double windowS = windowNanos / 1e9;
            long limitUs = Math.round(criterionMs * 1000);
            BatchScheduler.EmitLag lag = BatchScheduler.EmitLag.of(serverLag);
            return new LevelResult(n, round, started, completed, failed, windowS, client.intervals(),
                    windowS > 0 ? client.tokensInWindow() / windowS : 0, expectedMs,
                    client.intervalUs(50) / 1000.0, client.deviationUs(50) / 1000.0, client.deviationUs(99) / 1000.0,
                    client.maxDeviationUs() / 1000.0, lag.steps(), lag.p50Micros() / 1000.0,
                    lag.p99Micros() / 1000.0, lag.maxMicros() / 1000.0, client.percentWithinUs(limitUs),
                    serverLag.getTotalCount() == 0 ? -1 : serverLag.getPercentileAtOrBelowValue(limitUs), load, note);
        }
    }

    private static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException("emit-lag histogram not decodable", e);
        }
    }

    private static long remainingMs(long deadlineNanos) {
        return Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    /** Completions (no role chunk, no usage chunk): every data event but [DONE] is one token. */
    private static String body(int maxTokens) {
        return "{\"model\":\"reference-model\",\"prompt\":\"Write a long story about a lighthouse keeper.\","
                + "\"max_tokens\":" + maxTokens + ",\"stream\":true}";
    }

    private JsonNode post(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> res = control.send(HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(res.body());
    }

    private static String loadAvg1m() {
        try {
            return Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).get(0);
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    public static void main(String[] args) {
        // without a logging configuration logback prints Netty's DEBUG chatter between the rows
        if (System.getProperty("logback.configurationFile") == null
                && org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                        instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
        System.exit(new CommandLine(new StreamCapacityBench()).execute(args));
    }
}

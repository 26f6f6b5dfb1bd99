package llmbench.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import llmbench.config.BenchOptions;
import llmbench.counters.CounterReader;
import llmbench.counters.MachineLoad;
import llmbench.counters.SnapshotBook;
import llmbench.lifecycle.ServerProbe;
import llmbench.lifecycle.Target;
import llmbench.lifecycle.TargetResolver;
import java.util.HashMap;
import java.util.Map;
import llmbench.load.CaseSequence;
import llmbench.load.ResponseRequest;
import llmbench.load.StreamingRequest;
import llmbench.load.warmup.ClientWarmup;
import llmbench.files.AtomicFiles;
import llmbench.results.RecordLog;
import llmbench.results.ResultCounts;
import llmbench.results.ResultFiles;
import llmbench.results.RunInfo;
import llmbench.timing.RequestRecord;

/**
 * The life of one benchmark run around a Gatling simulation:
 * {@link #prepare} (options only) → the simulation validates its own options with {@link #valid} →
 * {@link #start} (target, result files, request log, partial file, exit hook) → Gatling runs →
 * {@link #after} (final result written atomically, partial removed, embedded target stopped).
 * If the JVM ends before {@code after()} (a crash, Ctrl-C), the exit hook leaves the partial file with
 * everything measured so far.
 */
public final class BenchmarkRun {
    private static final Duration PARTIAL_REFRESH = Duration.ofMillis(500);
    private static final Duration COUNTER_TIMEOUT = Duration.ofSeconds(5);
    /** How long the run's end waits for streams handed over but not yet stored (normally milliseconds). */
    private static final Duration RECORD_HANDOVER_BOUND = Duration.ofSeconds(60);

    private final String simulation;
    private final String benchmark;
    private final BenchOptions options;
    private final ZonedDateTime startedAt = ZonedDateTime.now();
    private Target target;
    private ResultFiles files;
    private RecordLog log;
    private ResultConverter converter;
    private volatile RunInfo info;
    private volatile long lastPartialNanos;
    private Thread exitHook;
    private CounterReader counterReader;
    private SnapshotBook counters;
    private boolean finished;
    private boolean closing;
    private java.util.function.Consumer<Target> onTarget;
    private PhaseProgress progress;
    private SloJudge sloJudge;

    private BenchmarkRun(String simulation, String benchmark, BenchOptions options) {
        this.simulation = simulation;
        this.benchmark = benchmark;
        this.options = options;
    }

    /** @param benchmark file stem prefix, e.g. {@code bench_batch} */
    public static BenchmarkRun prepare(String simulation, String benchmark) {
        return new BenchmarkRun(simulation, benchmark, Fatal.orExit(BenchOptions::fromSystem));
    }

    public BenchOptions options() {
        return options;
    }

    /** Evaluates a validating step; bad input ends the run with one line. */
    public <T> T valid(Supplier<T> step) {
        return Fatal.orExit(step);
    }

    public BenchmarkRun start(int maxTokens, ResultConverter converter) {
        start(maxTokens);
        return convertWith(converter);
    }

    /**
     * Starts without a converter yet, for simulations whose converter needs the target (its model id);
     * call {@link #convertWith} before the scenario is set up.
     */
    public BenchmarkRun start(int maxTokens) {
        Fatal.orExit(() -> {
            String label = options.label();
            double temperature = options.temperature();
            Path dir = options.resultsDir();
            target = TargetResolver.resolve(options);
            try {
                if (onTarget != null) {
                    onTarget.accept(target);
                }
                files = ResultFiles.reserve(dir, benchmark, label, startedAt);
            } catch (RuntimeException e) {
                target.close();
                throw e;
            }
            info = new RunInfo(simulation, label, llmbench.results.ResultJson.SUITE_VERSION,
                    target.baseUrl().toString(), target.kind(), target.detail(), target.model(), startedAt,
                    maxTokens, temperature, options.recordedOptions(), null, null, null, MachineLoad.now(), null);
            return null;
        });
        try {
            log = new RecordLog(files.requests(), info.label(), this::refreshPartial);
        } catch (IOException e) {
            target.close();
            Fatal.orExit(() -> {
                throw new llmbench.config.BadInputException("cannot write " + files.requests() + ": " + e);
            });
        }
        progress = new PhaseProgress(log::records, System.out);
        progress.start();
        exitHook = new Thread(this::onUnexpectedExit, "benchmark-exit-hook");
        Runtime.getRuntime().addShutdownHook(exitHook);
        System.out.println("gatling-llm-bench: " + simulation + " measures " + target.describe());
        System.out.println("gatling-llm-bench: request records -> " + files.requests());
        return this;
    }

    /**
     * Work that needs the target but must be done before any file is written (e.g. calibrating prompts
     * against it): runs in {@link #start} once the target is up; bad input there stops the target and ends
     * the run with one line.
     */
    public BenchmarkRun onTarget(java.util.function.Consumer<Target> step) {
        this.onTarget = step;
        return this;
    }

    public BenchmarkRun convertWith(ResultConverter converter) {
        this.converter = converter;
        return this;
    }

    /**
     * Judges the run against {@code -Dslo} after its result is written; without one, every simulation is judged
     * over all its measured requests ({@link SloJudge#wholeRun}). A miss ends the run with one line and status 2.
     */
    public BenchmarkRun judgeSloWith(SloJudge judge) {
        this.sloJudge = judge;
        return this;
    }

    public Target target() {
        return target;
    }

    /** Reads the target's own counters off Gatling's event loops (short timeout, "not reported" on failure). */
    public CounterReader counterReader() {
        if (counterReader == null) {
            counterReader = new CounterReader(target.baseUrl(), target.apiKeyForRequests(), COUNTER_TIMEOUT);
        }
        return counterReader;
    }

    /** The run's named counter readings, filled by {@link llmbench.load.CounterStep}s, read by its converter. */
    public SnapshotBook counters() {
        if (counters == null) {
            counters = new SnapshotBook(counterReader());
        }
        return counters;
    }

    public HttpProtocolBuilder httpProtocol() {
        return StreamingRequest.protocol(target.baseUrl().toString());
    }

    /**
     * The client's own warm-up against a loopback server in this JVM ({@code -Dwarmup.client.streams}, by default
     * only when {@code largestBurst}, the most streams the simulation sends at once, is large enough to need it), to
     * run before anything else. {@code body} is what the simulation's warm-up sends.
     */
    public List<PopulationBuilder> clientWarmup(String body, int largestBurst) {
        int streams = ClientWarmup.streamsFor(options.get(llmbench.config.Options.WARMUP_CLIENT_STREAMS), largestBurst);
        return ClientWarmup.populations(simulation, streams, body, requestTimeout(), System.out);
    }

    private Duration requestTimeout() {
        return Duration.ofMillis((long) (options.requestTimeoutSeconds() * 1000));
    }

    public StreamingRequest streamingRequest(String path) {
        return new StreamingRequest(simulation, path, requestTimeout(),
                target.apiKeyForRequests(), log);
    }

    public ResponseRequest responseRequest(String path) {
        return new ResponseRequest(simulation, path, target.apiKeyForRequests(), log);
    }

    /** Both request paths by case kind (streamed SSE or one JSON response), for {@link CaseSequence}. */
    public CaseSequence.Requests requests() {
        Map<String, StreamingRequest> streams = new HashMap<>();
        Map<String, ResponseRequest> responses = new HashMap<>();
        return (kind, caseName, warmup) -> kind.streamed
                ? streams.computeIfAbsent(kind.path, this::streamingRequest).chain(caseName, warmup)
                : responses.computeIfAbsent(kind.path, this::responseRequest).chain(caseName, warmup);
    }

    /** Gatling's before(): the server's own state before any request. */
    public void before() {
        info = info.withHealthBefore(probe().jsonOrNull("/health"));
        writePartial();
    }

    /**
     * Gatling's after(): wait until every stream has handed over its record, write the result (with the
     * request accounting), remove the partial file, stop an embedded target. Requests that are in no record
     * make the result say so and the run end non-zero ({@link LateExit}); so do failed requests beyond what
     * {@link FailureVerdict} allows, and a target that no longer answers (the result then stays a partial
     * file with an {@code error}: what was measured is kept, but the run did not finish against its target).
     * The console summary ({@link llmbench.report.ConsoleSummary}) and where the files are come last.
     */
    public void after() {
        synchronized (this) {
            if (finished || closing) {
                return;
            }
            closing = true;
        }
        // Not under this run's lock: the log's thread refreshes the partial file under it while it drains.
        log.close(RECORD_HANDOVER_BOUND);
        progress.finish();
        String error;
        ObjectNode written = null;
        String sloMiss = null;
        synchronized (this) {
            ServerProbe server = probe();
            String gone = server.unreachableReason();
            info = info.withHealthAfter(gone == null ? server.jsonOrNull("/health") : null)
                    .withGatlingRunDir(gatlingRunDir()).withLoad(info.loadBefore(), MachineLoad.now());
            List<RequestRecord> records = log.records();
            RecordLog.Tally tally = log.tally();
            if (gone != null) {
                error = "target " + target.baseUrl() + " stopped answering during the run (" + gone
                        + "); what was measured is in " + files.partial();
                writePartial(error);
                finished = true;
                target.close();
                removeExitHook();
                LateExit.atEnd(List.of("gatling-llm-bench: partial result -> " + files.partial(),
                        "gatling-llm-bench: request records -> " + files.requests()));
                LateExit.fail(error, LateExit.TARGET_LOST_EXIT);
                return;
            }
            try {
                ObjectNode result = converter.convert(records, info, false, ZonedDateTime.now());
                error = ResultCounts.putAccounting(result, tally);
                sloMiss = judgeSlo(result, records);
                AtomicFiles.createNew(files.result(), result.toPrettyString());
                Files.deleteIfExists(files.partial());
                written = result;
            } catch (IOException | RuntimeException e) {
                writePartial();
                error = "result could not be written (" + e + where(e) + "); what was measured is in "
                        + files.partial();
            } finally {
                finished = true;
                target.close();
                removeExitHook();
            }
        }
        FailureVerdict verdict = FailureVerdict.of(log.records(), options.get(llmbench.config.Options.MAX_ERROR_RATE));
        List<String> end = new java.util.ArrayList<>();
        if (written != null) {
            end.add("");
            end.add("gatling-llm-bench: summary of " + files.result().getFileName());
            end.addAll(llmbench.report.ConsoleSummary.lines(written));
        }
        if (verdict.note() != null) {
            end.add("gatling-llm-bench: note: " + verdict.note());
        }
        end.add("gatling-llm-bench: result -> " + (written != null ? files.result() : files.partial()));
        end.add("gatling-llm-bench: request records -> " + files.requests());
        String gatlingDir = info.gatlingRunDir();
        if (gatlingDir != null) {
            end.add("gatling-llm-bench: Gatling report -> " + Path.of(gatlingDir).resolve("index.html"));
        }
        LateExit.atEnd(end);
        if (error != null) {
            LateExit.fail(error);
        }
        if (verdict.error() != null) {
            LateExit.fail(verdict.error(), LateExit.FAILED_REQUESTS_EXIT);
        }
        if (sloMiss != null) {
            LateExit.sloMissed(sloMiss);
        }
    }

    private void removeExitHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook sees finished == true and does nothing
        }
    }

    /** The SLO's one-line miss (also written into the result as {@code slo_miss}), or null. */
    private String judgeSlo(ObjectNode result, List<RequestRecord> records) {
        if (!options.given(llmbench.config.Options.SLO)) {
            return null;
        }
        SloJudge judge = sloJudge != null ? sloJudge : SloJudge.wholeRun(options.get(llmbench.config.Options.SLO));
        String miss;
        try {
            miss = judge.miss(records, result);
        } catch (RuntimeException e) {
            // the result is still written; an SLO that cannot be judged is not met
            miss = "the SLO could not be judged (" + e + where(e) + ")";
        }
        result.put("slo_miss", miss);
        return miss;
    }

    /** The request records stored so far (all of them once {@link #after} has run). */
    public List<RequestRecord> records() {
        return log.records();
    }

    public Path resultFile() {
        return files.result();
    }

    private ServerProbe probe() {
        return new ServerProbe(target.baseUrl(), target.apiKeyForRequests(), Duration.ofSeconds(5));
    }

    private void refreshPartial() {
        long now = System.nanoTime();
        if (now - lastPartialNanos >= PARTIAL_REFRESH.toNanos()) {
            lastPartialNanos = now;
            writePartial();
        }
    }

    private synchronized void writePartial() {
        writePartial(null);
    }

    /** @param error the run's error, put at the top level of the partial file (null: none) */
    private synchronized void writePartial(String error) {
        if (finished || log == null || converter == null) {
            return;
        }
        try {
            ObjectNode partial = converter.convert(log.records(), info, true, ZonedDateTime.now());
            ResultCounts.putAccounting(partial, log.tally());
            if (error != null) {
                partial.put("error", error);
            }
            AtomicFiles.replace(files.partial(), partial.toPrettyString());
        } catch (IOException | RuntimeException e) {
            System.err.println("gatling-llm-bench: warning: partial result not written: " + e + where(e));
        }
    }

    /** Where in our code an unexpected exception came from, for the one-line message. */
    private static String where(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("llmbench.")) {
                return " at " + f;
            }
        }
        return "";
    }

    private void onUnexpectedExit() {
        synchronized (this) {
            if (finished) {
                return;
            }
        }
        log.close(Duration.ofSeconds(5));
        writePartial();
        System.err.println("gatling-llm-bench: run ended early; what was measured is in " + files.partial());
        target.close();
    }

    /** The newest Gatling run folder of this simulation (it exists while the run writes its log). */
    private String gatlingRunDir() {
        Path root = Path.of("target", "gatling");
        String prefix = simulation.toLowerCase(Locale.ROOT) + "-";
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .map(p -> p.toAbsolutePath().toString()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}

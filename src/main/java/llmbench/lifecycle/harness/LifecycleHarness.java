package llmbench.lifecycle.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import llmbench.metrics.Rounding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One server life, checked: pre-flight → baseline memory → launch → loaded memory → smoke request →
 * {@code --leak-rounds} identical request rounds, memory read after each → each {@code --run-tests} command in
 * turn → graceful stop → memory released and not growing per round ({@link LeakVerdict}) → no residual process or
 * listener. Memory is sampled at every checkpoint and every
 * {@code --sample-interval-s} in between. Writes a JSON report; exit 0 only if every step passed, 1 if one
 * failed, 2 for bad arguments or a failed pre-flight.
 */
@Command(name = "lifecycle", mixinStandardHelpOptions = true,
        description = "Launch a server, run test commands against it, stop it, and check memory and residue.")
public final class LifecycleHarness implements Callable<Integer> {
    static final int EXIT_USAGE = 2;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    @Option(names = "--server-url", description = "Server base URL (default: http://$HOST:$PORT, else http://127.0.0.1:8080).")
    String serverUrl;

    @Option(names = "--launch-cmd", description = "Shell command that starts the server and returns once it is healthy (default: launchers/launch_baseline.sh).")
    String launchCmd;

    @Option(names = "--stop-cmd", description = "Shell command that stops it (default: launchers/stop.sh).")
    String stopCmd;

    @Option(names = "--pid-file", description = "Pid file the launch command writes (default: $RUN_DIR/server.pid, RUN_DIR /tmp/kimi-bench).")
    Path pidFile;

    @Option(names = "--run-tests", arity = "1..*", description = "Test commands, run in turn with bash -c and SERVER_URL set.")
    List<String> tests = new ArrayList<>();

    @Option(names = "--skip-launch", description = "Use a server that is already running (no launch, stop still runs).")
    boolean skipLaunch;

    @Option(names = "--no-memory-check", description = "Record memory but do not judge it.")
    boolean noMemoryCheck;

    @Option(names = "--leak-threshold-mb", description = "Largest allowed system memory after stop minus before launch (default: ${DEFAULT-VALUE}).")
    double leakThresholdMb = 1024;

    @Option(names = "--leak-rounds", description = "Identical request rounds after the tests, memory read after each; "
            + "0 = no rounds, the RSS slope is judged instead (default: ${DEFAULT-VALUE}).")
    int leakRounds = 4;

    @Option(names = "--round-requests", description = "Requests per leak round (default: ${DEFAULT-VALUE}).")
    int roundRequests = 100;

    @Option(names = "--round-concurrency", description = "Requests in flight during a leak round (default: ${DEFAULT-VALUE}).")
    int roundConcurrency = 4;

    @Option(names = "--round-growth-threshold-mb", description = "Leak iff memory grew by more than this in every round after the first (default: ${DEFAULT-VALUE}).")
    double roundGrowthThresholdMb = 4;

    @Option(names = "--round-settle-s", description = "Idle wait after a round before memory is read (default: ${DEFAULT-VALUE}).")
    double roundSettleS = 1;

    @Option(names = "--slope-threshold-mb-per-min", description = "Largest allowed server RSS slope while tests run, after the warm-up; judged only with --leak-rounds 0 (default: ${DEFAULT-VALUE}).")
    double slopeThresholdMbPerMin = 32;

    @Option(names = "--warmup-s", description = "Seconds of testing left out of the slope (default: ${DEFAULT-VALUE}).")
    double warmupS = 30;

    @Option(names = "--sample-interval-s", description = "Memory sampling period (default: ${DEFAULT-VALUE}).")
    double sampleIntervalS = 2;

    @Option(names = "--min-loaded-increase-mb", description = "System memory the loaded server must add (seed: 50 GB per node; default: recorded, not judged).")
    Double minLoadedIncreaseMb;

    @Option(names = "--settle-s", description = "Wait after the stop before measuring released memory (default: ${DEFAULT-VALUE}).")
    double settleS = 5;

    @Option(names = "--launch-timeout-s", defaultValue = "660") long launchTimeoutS;
    @Option(names = "--test-timeout-s", defaultValue = "1800") long testTimeoutS;
    @Option(names = "--stop-timeout-s", defaultValue = "120") long stopTimeoutS;

    @Option(names = "--report", description = "JSON report path (default: $RESULTS_DIR or /tmp/kimi-bench-results, lifecycle_<UTC stamp>.json).")
    Path report;

    private final OsMemory memory = OsMemory.detect();
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private final List<Map<String, Object>> samples = new ArrayList<>();
    private final Map<String, Object> checkpoints = new LinkedHashMap<>();
    private volatile String currentStep = "start";
    private volatile long serverPid = -1;
    private long t0Nanos;
    private Double testsStartS;
    private Path logDir;
    private List<Double> afterRoundMb = List.of();
    private String roundSignal = "memory";

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        String host = env.getOrDefault("HOST", "127.0.0.1");
        String port = env.getOrDefault("PORT", "8080");
        serverUrl = serverUrl != null ? serverUrl : "http://" + host + ":" + port;
        launchCmd = launchCmd != null ? launchCmd : "launchers/launch_baseline.sh";
        stopCmd = stopCmd != null ? stopCmd : "launchers/stop.sh";
        pidFile = pidFile != null ? pidFile : Path.of(env.getOrDefault("RUN_DIR", "/tmp/kimi-bench"), "server.pid");
        String stamp = STAMP.format(Instant.now());
        report = report != null ? report
                : Path.of(env.getOrDefault("RESULTS_DIR", "/tmp/kimi-bench-results"), "lifecycle_" + stamp + ".json");
        if (sampleIntervalS <= 0 || warmupS < 0 || leakThresholdMb < 0 || settleS < 0 || roundSettleS < 0
                || (leakRounds != 0 && leakRounds < LeakVerdict.MIN_ROUNDS) || roundRequests < 1 || roundConcurrency < 1) {
            System.err.println("lifecycle: error: --sample-interval-s must be > 0; --warmup-s, --leak-threshold-mb, --settle-s, "
                    + "--round-settle-s >= 0; --leak-rounds 0 or >= " + LeakVerdict.MIN_ROUNDS + "; --round-requests, "
                    + "--round-concurrency >= 1");
            return EXIT_USAGE;
        }
        URI uri = URI.create(serverUrl);
        logDir = report.toAbsolutePath().getParent().resolve(report.getFileName().toString().replaceFirst("\\.json$", "") + "_logs");
        Files.createDirectories(logDir);
        t0Nanos = System.nanoTime();

        if (!skipLaunch && listening(uri)) {
            System.err.println("lifecycle: error: pre-flight: " + uri.getHost() + ":" + uri.getPort()
                    + " is already in use (use --skip-launch for a running server)");
            return EXIT_USAGE;
        }
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lifecycle-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> sample("periodic"), 0, Math.round(sampleIntervalS * 1000), TimeUnit.MILLISECONDS);
        try {
            run(uri);
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
        boolean passed = steps.stream().allMatch(s -> Boolean.TRUE.equals(s.get("passed")));
        writeReport(passed);
        System.out.println("lifecycle: " + (passed ? "PASSED" : "FAILED") + " (" + steps.stream()
                .filter(s -> Boolean.TRUE.equals(s.get("passed"))).count() + "/" + steps.size() + " steps); report " + report);
        return passed ? 0 : 1;
    }

    private void run(URI uri) throws Exception {
        Map<String, Object> baseline = checkpoint("baseline");
        double baselineMb = (Double) baseline.getOrDefault("system_used_mb", Double.NaN);
        boolean up = true;
        if (!skipLaunch) {
            Commands.Result launched = step("server_launch", () -> Commands.run(launchCmd, Map.of(), logDir.resolve("launch.log"), launchTimeoutS));
            up = launched.ok();
        }
        readPid();
        if (up) {
            Map<String, Object> loaded = checkpoint("loaded");
            double increase = (Double) loaded.getOrDefault("system_used_mb", Double.NaN) - baselineMb;
            boolean judged = !noMemoryCheck && minLoadedIncreaseMb != null;
            record("loaded_memory", !judged || increase >= minLoadedIncreaseMb, 0, String.format(java.util.Locale.ROOT,
                    "system memory %+.1f MB after launch%s", increase,
                    judged ? String.format(java.util.Locale.ROOT, " (minimum %.1f)", minLoadedIncreaseMb) : ", not judged"));
            step("smoke_request", () -> Commands.smoke(serverUrl));
            // Before the tests: after them the server may be full by design (the plan's MemorySimulation leaves
            // the reference server's KV pool at its memory-pressure limit, where it answers 503).
            afterRoundMb = leakRounds();
            testsStartS = elapsedS();
            int n = 0;
            for (String test : tests) {
                n++;
                String name = "external:" + n + ":" + Commands.stem(test);
                Path log = logDir.resolve(n + "_" + Commands.stem(test) + ".log");
                step(name, () -> Commands.run(test, Map.of("SERVER_URL", serverUrl), log, testTimeoutS));
            }
            checkpoint("tests_done");
        }
        long pid = serverPid;
        step("shutdown", () -> Commands.run(stopCmd, Map.of(), logDir.resolve("stop.log"), stopTimeoutS));
        Thread.sleep(Math.round(settleS * 1000));
        Map<String, Object> after = checkpoint("after_stop");
        double afterMb = (Double) after.getOrDefault("system_used_mb", Double.NaN);
        double delta = afterMb - baselineMb;
        record("memory_released", noMemoryCheck || LeakVerdict.released(baselineMb, afterMb, leakThresholdMb), 0,
                String.format(java.util.Locale.ROOT, "system memory after stop - baseline = %+.1f MB (limit %.1f)%s",
                        delta, leakThresholdMb, noMemoryCheck ? ", not judged" : ""));
        LeakVerdict.Growth growth = LeakVerdict.growth(testPoints(), warmupS, slopeThresholdMbPerMin);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("judged", growth.judged() && leakRounds == 0);
        g.put("samples", growth.samples());
        g.put("slope_mb_per_min", growth.slopeMbPerMin());
        checkpoints.put("server_rss_growth", g);
        if (leakRounds == 0) {
            record("memory_growth", noMemoryCheck || growth.passed(), 0, growth.detail() + (noMemoryCheck ? ", not judged" : ""));
        } else {
            LeakVerdict.RoundGrowth rounds = LeakVerdict.perRound(afterRoundMb, roundGrowthThresholdMb, roundSignal);
            Map<String, Object> rg = new LinkedHashMap<>();
            rg.put("judged", rounds.judged());
            rg.put("signal", roundSignal);
            rg.put("after_round_mb", afterRoundMb);
            rg.put("increments_mb", rounds.increments());
            rg.put("leak", rounds.leak());
            checkpoints.put("growth_per_round", rg);
            boolean judged = rounds.judged() && !noMemoryCheck;
            // Too few rounds measured (server down, requests failing) is a failure: the question stays open.
            record("memory_growth", noMemoryCheck || (rounds.judged() && !rounds.leak()), 0,
                    (judged ? (rounds.leak() ? "LEAK: " : "no leak: ") : "") + rounds.detail()
                            + "; secondary, not judged: " + growth.detail() + (noMemoryCheck ? "; not judged" : ""));
        }
        boolean gone = pid <= 0 || ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        boolean free = !listening(uri);
        record("no_residual_processes", gone && free, 0, (pid > 0 ? "pid " + pid + (gone ? " gone" : " STILL ALIVE") : "no pid recorded")
                + "; " + uri.getHost() + ":" + uri.getPort() + (free ? " free" : " STILL LISTENING"));
    }

    /**
     * Runs the leak rounds; returns memory after each round that passed (a failed round ends them: its figure
     * would not be the same work). JVM servers are read as live heap after a forced GC, others as RSS.
     */
    private List<Double> leakRounds() throws InterruptedException {
        List<Double> after = new ArrayList<>();
        if (leakRounds == 0 || noMemoryCheck) {
            return after;
        }
        LeakRound round = new LeakRound(serverUrl);
        LiveHeap heap = LiveHeap.ofThisJdk();
        boolean jvm = heap.mb(serverPid).isPresent();
        roundSignal = jvm ? "server live heap after forced full GC (jcmd GC.class_histogram)"
                : "server RSS after " + roundSettleS + " s idle";
        for (int i = 1; i <= leakRounds; i++) {
            Commands.Result r = step("leak_round:" + i, () -> round.run(roundRequests, roundConcurrency));
            if (!r.ok()) {
                break;
            }
            Thread.sleep(Math.round(roundSettleS * 1000));
            OptionalDouble mb = jvm ? heap.mb(serverPid) : memory.processTreeRssMb(serverPid);
            checkpoint("after_round_" + i);
            if (mb.isEmpty()) {
                break;
            }
            after.add(round1(mb.getAsDouble()));
        }
        return after;
    }

    private void readPid() {
        try {
            if (Files.exists(pidFile)) {
                serverPid = Long.parseLong(Files.readString(pidFile).strip());
            }
        } catch (IOException | NumberFormatException e) {
            serverPid = -1;
        }
    }

    private List<LeakVerdict.Point> testPoints() {
        List<LeakVerdict.Point> pts = new ArrayList<>();
        if (testsStartS == null) {
            return pts;
        }
        synchronized (samples) {
            for (Map<String, Object> s : samples) {
                Object step = s.get("step");
                if (step instanceof String name && name.startsWith("external:") && s.get("server_rss_mb") instanceof Double rss) {
                    pts.add(new LeakVerdict.Point((Double) s.get("t_s") - testsStartS, rss));
                }
            }
        }
        return pts;
    }

    private interface Action {
        Commands.Result get() throws Exception;
    }

    private Commands.Result step(String name, Action action) {
        currentStep = name;
        double start = elapsedS();
        System.out.println("lifecycle: " + name + " ...");
        Commands.Result r;
        try {
            r = action.get();
        } catch (Exception e) {
            r = new Commands.Result(false, e.toString());
        }
        record(name, r.ok(), elapsedS() - start, r.detail());
        return r;
    }

    private void record(String name, boolean passed, double durationS, String detail) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("passed", passed);
        s.put("duration_s", Rounding.round(durationS, 3));
        s.put("detail", detail);
        steps.add(s);
        System.out.println("lifecycle: [" + (passed ? "PASS" : "FAIL") + "] " + name + " - " + detail);
    }

    private Map<String, Object> checkpoint(String name) {
        currentStep = name;
        Map<String, Object> s = sample("checkpoint:" + name);
        checkpoints.put(name, s);
        return s;
    }

    private Map<String, Object> sample(String kind) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("t_s", Rounding.round(elapsedS(), 3));
        s.put("kind", kind);
        s.put("step", currentStep);
        OptionalDouble sys = memory.systemUsedMb();
        s.put("system_used_mb", sys.isPresent() ? round1(sys.getAsDouble()) : Double.NaN);
        long pid = serverPid;
        OptionalDouble rss = pid > 0 ? memory.processTreeRssMb(pid) : OptionalDouble.empty();
        s.put("server_rss_mb", rss.isPresent() ? (Object) round1(rss.getAsDouble()) : null);
        synchronized (samples) {
            samples.add(s);
        }
        return s;
    }

    private void writeReport(boolean passed) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("schema_version", 1);
        r.put("harness", "lifecycle");
        r.put("timestamp", Instant.now().toString());
        r.put("server_url", serverUrl);
        r.put("passed", passed);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("launch_cmd", skipLaunch ? null : launchCmd);
        cfg.put("stop_cmd", stopCmd);
        cfg.put("run_tests", tests);
        cfg.put("leak_threshold_mb", leakThresholdMb);
        cfg.put("leak_rounds", leakRounds);
        cfg.put("round_requests", roundRequests);
        cfg.put("round_concurrency", roundConcurrency);
        cfg.put("round_growth_threshold_mb", roundGrowthThresholdMb);
        cfg.put("round_settle_s", roundSettleS);
        cfg.put("slope_threshold_mb_per_min", slopeThresholdMbPerMin);
        cfg.put("warmup_s", warmupS);
        cfg.put("sample_interval_s", sampleIntervalS);
        cfg.put("min_loaded_increase_mb", minLoadedIncreaseMb);
        cfg.put("memory_checked", !noMemoryCheck);
        cfg.put("system_memory_figure", memory.systemFigure());
        cfg.put("server_memory_figure", memory.processFigure());
        r.put("config", cfg);
        r.put("verdict_rule", "pass iff every step passes; memory_released: system_used(after stop + settle) - system_used(baseline) "
                + "<= leak_threshold_mb; memory_growth (leak_rounds > 0): after leak_rounds identical rounds of round_requests "
                + "requests, memory after round i - after round i-1 (i >= 2; JVM: live heap after forced full GC, else RSS after "
                + "round_settle_s idle) > round_growth_threshold_mb in every round = leak; fewer than " + LeakVerdict.MIN_ROUNDS
                + " rounds measured = fail; the least-squares slope of server RSS while tests ran is a secondary figure. "
                + "memory_growth (leak_rounds = 0): that slope, after warmup_s of testing, <= slope_threshold_mb_per_min "
                + "(not judged with fewer than " + LeakVerdict.MIN_SAMPLES + " samples)");
        r.put("steps", steps);
        r.put("checkpoints", checkpoints);
        synchronized (samples) {
            r.put("samples", new ArrayList<>(samples));
        }
        r.put("logs_dir", logDir.toString());
        HarnessReport.write(report, r, steps);
    }

    private double elapsedS() {
        return (System.nanoTime() - t0Nanos) / 1e9;
    }

    private static double round1(double v) {
        return Rounding.round(v, 1);
    }

    static boolean listening(URI uri) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new LifecycleHarness());
        cli.setParameterExceptionHandler((ex, a) -> {
            System.err.println("lifecycle: error: " + ex.getMessage());
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }
}

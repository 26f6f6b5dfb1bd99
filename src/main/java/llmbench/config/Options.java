package llmbench.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every {@code -D} option of the simulations, declared once: name, values (type and bounds), default and
 * meaning. The README's option table is generated from this list ({@link OptionTable}; a test fails when the
 * two differ). Adding an option is one line here; read it with {@code run.options().get(Options.X)}.
 *
 * <p>Every name whose first part (before the first dot) is one of {@link #namespaces()} is ours: a key in
 * those namespaces that is not declared here is refused as a typo before anything starts.
 */
public final class Options {
    private static final List<Option<?>> ALL = new ArrayList<>();

    private Options() {
    }

    private static <T> Option<T> declare(Option<T> option) {
        ALL.add(option);
        return option;
    }

    public static final Option<URI> TARGET_URL = declare(OptionTypes.httpUrl("target.url",
            "base URL of an OpenAI-compatible server; without it the embedded reference server is measured"));
    public static final Option<String> TARGET_MODEL = declare(OptionTypes.text("target.model", null,
            "model id sent with each request; the embedded server serves one id and refuses any other")
            .describedDefault("first id of `/v1/models`"));
    public static final Option<String> TARGET_PROFILE = declare(OptionTypes.text("target.profile", "default",
            "embedded server's performance profile (`default`, `tiny`, or a JSON file path)"));
    public static final Option<Double> TARGET_TIME_SCALE = declare(OptionTypes.number("target.time.scale", "1.0", 0, true,
            Double.POSITIVE_INFINITY, "multiplies all embedded-profile times (0.1 = ten times faster)"));
    public static final Option<String> TARGET_ENGINE = declare(OptionTypes.oneOf("target.engine", "simulated",
            List.of("simulated", "llama"), "embedded server's engine: `simulated` (profile-timed n-gram text) or "
                    + "`llama` (llama.cpp on a GGUF file, see [below](#a-real-engine-embedded--dtargetenginellama))"));
    public static final Option<Path> TARGET_MODEL_FILE = declare(OptionTypes.existingFile("target.model.file",
            "`-Dllama.model.file`, else env `LLAMA_MODEL_FILE`, else the test model (`llama.ModelLocation`)",
            "GGUF file of `target.engine=llama`"));
    public static final Option<Long> TARGET_PID = declare(OptionTypes.processId("target.pid",
            "pid of an external server (Linux): its VmRSS is a memory source"));
    public static final Option<Long> TARGET_PID_FILE = declare(OptionTypes.processIdFile("target.pid.file",
            "file holding that pid (read when `target.pid` is not given)"));
    public static final Option<String> LABEL = declare(OptionTypes.matching("label", "baseline",
            "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", "1-64 characters of letters, digits, '.', '_' or '-' (no path separators)",
            "server configuration measured; part of file names"));
    public static final Option<Path> RESULTS_DIR = declare(OptionTypes.directory("results.dir", "/tmp/kimi-bench-results",
            "where result files go"));
    public static final Option<Integer> MAX_TOKENS = declare(OptionTypes.wholeNumber("max.tokens", null, 1,
            "`max_tokens` of every measured request").describedDefault("`128` or `256` (see below)"));
    public static final Option<Double> TEMPERATURE = declare(OptionTypes.number("temperature", "0.7", 0, false, 2,
            "sent explicitly with every request"));
    public static final Option<Duration> REQUEST_TIMEOUT_S = declare(OptionTypes.positiveSeconds("request.timeout.s", "600",
            "per stream: wait for the first token, then for `[DONE]`"));
    public static final Option<Double> MAX_ERROR_RATE = declare(OptionTypes.number("max.error.rate", null, 0, false, 1,
            "share of measured requests allowed to fail; above it the run ends non-zero (without it any failure is reported, all failed is an error)").describedDefault("(none)"));
    public static final Option<Integer> WARMUP_REQUESTS = declare(OptionTypes.wholeNumber("warmup.requests", 1, 0,
            "requests sent first and left out of results"));
    public static final Option<Integer> WARMUP_CLIENT_STREAMS = declare(OptionTypes.wholeNumber("warmup.client.streams", null, 0,
            "streams the client first sends to a loopback server inside its own JVM, so the JIT has compiled its request path before the first measured burst (nothing reaches the target; they do appear in Gatling's report as group `client warm-up`; 0: none)")
            .describedDefault("`512` when the simulation sends 64 or more streams at once, else `0`"));
    public static final Option<List<Integer>> BATCH_SIZES = declare(OptionTypes.wholeNumbers("batch.sizes",
            "1,2,3,4,5,6,7,8", "k values of BatchSimulation"));
    public static final Option<Integer> BATCH_RUNS = declare(OptionTypes.wholeNumber("batch.runs", 2, 1,
            "repetitions of each k"));
    public static final Option<String> BATCH_CONNECT_AHEAD = declare(OptionTypes.oneOf("batch.connect.ahead", "false",
            List.of("true", "false"), "open each user's connection (`GET /v1/models`) before a batch's send instant and "
            + "release the k sends together (`rendezVous`); off: one fresh connection per stream, inside the burst. Gatling "
            + "re-sends a request once when the pooled connection it went out on closes before any reply, so a server "
            + "that closes connections then sees it twice"));
    public static final Option<Duration> BATCH_PAUSE_RUN_S = declare(OptionTypes.seconds("batch.pause.run.s", "1",
            "idle time between runs of one k"));
    public static final Option<Duration> BATCH_PAUSE_K_S = declare(OptionTypes.seconds("batch.pause.k.s", "2",
            "idle time between k values"));
    public static final Option<Double> SATURATION_GAIN = declare(OptionTypes.number("saturation.gain", "0.10", 0, true,
            Double.POSITIVE_INFINITY, "a k whose throughput gain over the previous k is below this saturates"));
    public static final Option<Path> NEWS_DIR = declare(OptionTypes.path("news.dir", "simulations-data/news",
            "news passages fed to BatchSimulation (and MemorySimulation's sized prompts)"));
    public static final Option<Path> PROMPTS_FILE = declare(OptionTypes.path("prompts.file",
            "simulations-data/prompts/short.txt",
            "short prompts, one per line (ConcurrentSimulation; request i uses prompt i mod n)"));
    public static final Option<List<Integer>> CONCURRENCY_LEVELS = declare(OptionTypes.wholeNumbers("concurrency.levels",
            "1,3,5,8", "N values of ConcurrentSimulation: N requests in flight per level (checked against the "
                    + "open-file limit and the embedded server's queue)"));
    public static final Option<Integer> CONCURRENCY_REQUESTS = declare(OptionTypes.wholeNumber("concurrency.requests", null,
            1, "requests sent per level (at least N)").describedDefault("N (one per user)"));
    public static final Option<Duration> CONCURRENCY_DURATION_S = declare(OptionTypes.positiveSeconds("concurrency.duration.s",
            "600", "after this long a level's users start no new request"));
    public static final Option<Duration> CONCURRENCY_PAUSE_S = declare(OptionTypes.seconds("concurrency.pause.s", "2",
            "idle time between levels"));
    public static final Option<Duration> CASE_PAUSE_S = declare(OptionTypes.seconds("case.pause.s", "0.5",
            "idle time after each case of Single/Cache/Ngram/Memory (cold→warm gap: 2× this, at most 1 s)"));
    public static final Option<List<String>> SINGLE_PROMPTS = declare(OptionTypes.listOf("single.prompts",
            "short,medium,long", List.of("short", "medium", "long"), "SingleSimulation's prompt keys"));
    public static final Option<Path> SINGLE_PROMPTS_DIR = declare(OptionTypes.path("single.prompts.dir",
            "simulations-data/prompts/single", "folder of `short.txt`, `medium.txt`, `long.txt`"));
    public static final Option<List<Integer>> SINGLE_LENGTHS = declare(OptionTypes.wholeNumbers("single.lengths",
            "64,128,256,512,1024", "max_tokens of SingleSimulation's scaling cases"));
    public static final Option<Path> CACHE_FILE = declare(OptionTypes.path("cache.file", "simulations-data/cache/cache.json",
            "CacheSimulation's texts"));
    public static final Option<String> CACHE_SALT = declare(OptionTypes.text("cache.salt", null,
            "salt line in front of every cache text, so the cold request is cold (recorded as `salt`), and of every "
                    + "prompt under `cache.bust`").describedDefault("random per run"));
    public static final Option<String> CACHE_BUST = declare(OptionTypes.oneOf("cache.bust", null, List.of("true", "false"),
            "Batch, Concurrent, Single, RateSweep: a salt line (`cache.salt` and the request's name) in front of every prompt, so no "
                    + "request is served from a prefix cache (Cache and Memory salt per run by design; Ngram and the API "
                    + "checks send their prompts as they are)").describedDefault("`true`"));
    public static final Option<Path> NGRAM_DIR = declare(OptionTypes.path("ngram.dir", "simulations-data/ngram",
            "`categories.json` and one prompt folder per category"));
    public static final Option<List<String>> NGRAM_CATEGORIES = declare(OptionTypes.names("ngram.categories", "all",
            "categories to run"));
    public static final Option<Integer> NGRAM_PROMPTS_PER_CATEGORY = declare(OptionTypes.wholeNumber(
            "ngram.prompts.per.category", 4, 1, "prompts sent per category (files in name order)"));
    public static final Option<Path> BASELINE_FILE = declare(OptionTypes.existingFile("baseline.file", "(none)",
            "an earlier bench_ngram result; gives `speedup` per category and overall"));
    public static final Option<Path> MEMORY_FILE = declare(OptionTypes.path("memory.file",
            "simulations-data/memory/memory.json", "MemorySimulation's prompts"));
    public static final Option<List<Integer>> MEMORY_PROMPT_TOKENS = declare(OptionTypes.wholeNumbersOrNone(
            "memory.prompt.tokens", "512,2048,8192", "MemorySimulation's prompt sizes (estimated tokens), one case "
                    + "`prompt_<N>` each after the seed's three; `none`: the seed's cases only"));
    public static final Option<Path> API_FILE = declare(OptionTypes.path("api.file", "simulations-data/api/api.json",
            "ApiComprehensiveSimulation's prompts and limits"));
    public static final Option<LengthDistribution> PROMPT_TOKENS = declare(OptionTypes.lengths("prompt.tokens",
            "synthetic prompts of exactly this many prompt tokens as the target counts them (calibrated against it "
                    + "before the run, see [Workloads](#workloads)); Batch and Concurrent"));
    public static final Option<Integer> PROMPT_SEED = declare(OptionTypes.wholeNumber("prompt.seed", 1, 0,
            "seed of the `prompt.tokens` draws (`output.tokens` draws use seed + 1); recorded in the result's options"));
    public static final Option<Integer> PROMPT_PREFIX_TOKENS = declare(OptionTypes.wholeNumber("prompt.prefix.tokens",
            null, 1, "shared-prefix workload: every prompt starts with one of `prompt.prefix.groups` prefixes of "
                    + "this many tokens (needs `prompt.tokens`)"));
    public static final Option<Integer> PROMPT_PREFIX_GROUPS = declare(OptionTypes.wholeNumber("prompt.prefix.groups",
            1, 1, "number of distinct shared prefixes; request i gets prefix i mod groups"));
    public static final Option<LengthDistribution> OUTPUT_TOKENS = declare(OptionTypes.lengths("output.tokens",
            "`max_tokens` per request, drawn (replaces `max.tokens`); with `output.force` the length is forced"));
    public static final Option<String> OUTPUT_FORCE = declare(OptionTypes.oneOf("output.force", "true",
            List.of("true", "false"), "with `output.tokens`: also send `ignore_eos: true` and `min_tokens` = "
                    + "`max_tokens`, so the server generates exactly that many (recorded per request)"));
    public static final Option<Path> DATASET_FILE = declare(OptionTypes.existingFile("dataset.file", "(none)",
            "prompts from a dataset: OpenAI chat JSONL (`{\"messages\": [...]}` per line) or ShareGPT JSON; "
                    + "Batch and Concurrent"));

    public static final Option<String> RATE_PROFILE = declare(OptionTypes.oneOf("rate.profile", "values",
            List.of("values", "sweep"), "RateSweepSimulation's rates: `values` (`rate.values`) or `sweep` (synchronous, throughput, then rates evenly between)"));
    public static final Option<List<Double>> RATE_VALUES = declare(OptionTypes.positiveNumbers("rate.values", "0.5,1,2,4",
            "offered request rates (requests/s) of RateSweepSimulation, run in ascending order"));
    public static final Option<Integer> RATE_SWEEP_POINTS = declare(OptionTypes.wholeNumber("rate.sweep.points", 6, 2,
            "points of `rate.profile=sweep`, the synchronous and throughput runs included"));
    public static final Option<Duration> RATE_DURATION_S = declare(OptionTypes.positiveSeconds("rate.duration.s", "30",
            "per rate: arrivals are scheduled over this long (rate × this many requests, unless `rate.requests` is given)"));
    public static final Option<Integer> RATE_REQUESTS = declare(OptionTypes.wholeNumber("rate.requests", null, 1,
            "arrivals per rate (with `rate.duration.s` given too, those after it are not sent)")
            .describedDefault("rate × `rate.duration.s`; sweep: 64 per point"));
    public static final Option<String> RATE_ARRIVALS = declare(OptionTypes.oneOf("rate.arrivals", "poisson",
            List.of("poisson", "constant", "gamma"), "gaps between arrivals: exponential, equal, or gamma-distributed (`rate.burstiness`)"));
    public static final Option<Double> RATE_BURSTINESS = declare(OptionTypes.number("rate.burstiness", "1", 0, true,
            Double.POSITIVE_INFINITY, "gamma arrivals' shape (vLLM's `--burstiness`): 1 = Poisson, < 1 burstier, > 1 more regular"));
    public static final Option<Long> RATE_SEED = declare(OptionTypes.wholeNumber("rate.seed", 42, 0,
            "seed of the arrival schedule (same seed, same schedule)").map(Integer::longValue));
    public static final Option<Double> RATE_WARMUP = declare(OptionTypes.number("rate.warmup", "0.1", 0, false, 0.45,
            "share of each rate's arrivals (the first ones) left out of its metrics"));
    public static final Option<Double> RATE_COOLDOWN = declare(OptionTypes.number("rate.cooldown", "0.1", 0, false, 0.45,
            "share of each rate's arrivals (the last ones) left out of its metrics"));
    public static final Option<Duration> RATE_PAUSE_S = declare(OptionTypes.seconds("rate.pause.s", "2",
            "idle time between rates"));
    public static final Option<Integer> RATE_STOP_IN_FLIGHT = declare(OptionTypes.wholeNumber("rate.stop.in.flight", 256, 1,
            "stop the sweep when more requests than this are in flight (the server cannot keep up)"));
    public static final Option<Double> RATE_STOP_ERROR_RATE = declare(OptionTypes.number("rate.stop.error.rate", "0.5", 0,
            true, 1, "stop the sweep when more than this share of a rate's answered requests failed (after 10)"));
    public static final Option<llmbench.metrics.Slo> SLO = declare(OptionTypes.slo("slo",
            "service-level objective of any simulation: a miss fails the build with one line (exit 2); goodput counts requests within it"));

    /** Every declared option, in the README's order. */
    public static List<Option<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    public static Option<?> named(String name) {
        for (Option<?> o : ALL) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    /** The first parts of every option name: the keys checked for typos. */
    public static Set<String> namespaces() {
        Set<String> out = new TreeSet<>();
        ALL.forEach(o -> out.add(namespace(o.name())));
        return out;
    }

    static String namespace(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }
}

package llmbench.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.lang3.StringUtils;

/**
 * The options of a run, read from system properties ({@code -Dname=value} on the mvn command line reaches
 * the forked Gatling JVM) and parsed by their declarations in {@link Options}. {@link #fromSystem()} checks
 * every given key before anything starts: a key in our namespaces that is not declared (a typo), an empty
 * value, or a value out of its bounds is a one-line {@link BadInputException}. The getters below are kept for
 * the existing call sites; a new option needs none: {@code options.get(Options.X)}.
 */
public final class BenchOptions {
    /** Environment variables searched, in order, for the target's API key. Never printed or recorded. */
    public static final List<String> API_KEY_ENV = List.of("LLM_BENCH_API_KEY", "OPENAI_API_KEY");

    private final Properties props;
    private final Map<String, String> env;
    /** Decisions taken per simulation and recorded as options (cache.bust and its salt). */
    private final Map<String, String> decided = new TreeMap<>();

    /** Reads lazily, checking only what is asked for (tests); runs use {@link #checked}. */
    public BenchOptions(Properties props, Map<String, String> env) {
        this.props = props;
        this.env = env;
    }

    /** The JVM's system properties, every key and value checked ({@link #checked}). */
    public static BenchOptions fromSystem() {
        return checked(System.getProperties(), System.getenv());
    }

    /**
     * Options whose every given key is checked now: unknown keys of our namespaces first (with the nearest
     * declared name as a suggestion), then empty values, then each value against its declaration.
     */
    public static BenchOptions checked(Properties props, Map<String, String> env) {
        return checked(props, env, true);
    }

    /**
     * Like {@link #checked(Properties, Map)}; without {@code withFiles}, relative paths are left unchecked
     * (Maven's JVM and the Gatling JVM it forks have different working directories).
     */
    public static BenchOptions checked(Properties props, Map<String, String> env, boolean withFiles) {
        BenchOptions o = new BenchOptions(props, env);
        TreeSet<String> ours = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            if (Options.named(key) != null) {
                ours.add(key);
            } else if (looksLikeOurs(key)) {
                throw new BadInputException(unknown(key));
            }
        }
        for (String key : ours) {
            Option<?> option = Options.named(key);
            String raw = props.getProperty(key).strip();
            if (withFiles || !option.readsFiles() || raw.isEmpty() || Path.of(raw).isAbsolute()) {
                o.get(option);
            }
        }
        return o;
    }

    /** Whether a key that is not declared is in our namespaces, or one letter away from one (a typo there). */
    static boolean looksLikeOurs(String key) {
        String ns = Options.namespace(key);
        for (String ours : Options.namespaces()) {
            if (ns.equals(ours) || ours.length() >= 5 && NearestName.distance(ns, ours) <= 1) {
                return true;
            }
        }
        return false;
    }

    /** "unknown option K; did you mean N?" with the nearest declared name, or the namespace's options. */
    static String unknown(String key) {
        List<String> names = Options.all().stream().map(Option::name).toList();
        java.util.Optional<String> near = NearestName.of(key, names);
        if (near.isPresent()) {
            return "unknown option " + key + "; did you mean " + near.get() + "?";
        }
        String ns = Options.namespace(key);
        List<String> same = names.stream().filter(n -> Options.namespace(n).equals(ns)).toList();
        return "unknown option " + key + (same.isEmpty() ? "; the options are listed in README.md (Options)"
                : "; " + ns + " options are " + String.join(", ", same));
    }

    /**
     * The option's value: the given one parsed, else its default parsed, else null. A given value that is
     * empty or blank is an error, never the default.
     */
    public <T> T get(Option<T> option) {
        String raw = props.getProperty(option.name());
        if (raw != null) {
            if (raw.isBlank()) {
                throw new BadInputException(option.name() + " is empty; give a value or leave -D" + option.name()
                        + " out (default: " + StringUtils.remove(option.defaultText(), '`') + ")");
            }
            return option.parse(raw.strip());
        }
        return option.defaultValue() == null ? null : option.parse(option.defaultValue());
    }

    /** Whether the option was given. */
    public boolean given(Option<?> option) {
        return props.getProperty(option.name()) != null;
    }

    // ---- getters of the existing call sites; each is its declaration's value ----

    /** Absent means the embedded reference server. */
    public URI targetUrl() {
        return get(Options.TARGET_URL);
    }

    /** Absent (null) means ask {@code /v1/models}. */
    public String targetModel() {
        return get(Options.TARGET_MODEL);
    }

    public String embeddedProfile() {
        return get(Options.TARGET_PROFILE);
    }

    public double embeddedTimeScale() {
        return get(Options.TARGET_TIME_SCALE);
    }

    public String embeddedEngine() {
        return get(Options.TARGET_ENGINE);
    }

    /**
     * The GGUF file of the embedded llama engine; default {@link llmbench.llama.ModelLocation#resolve()}.
     */
    public Path embeddedModelFile() {
        Path given = get(Options.TARGET_MODEL_FILE);
        return given != null ? given : Options.TARGET_MODEL_FILE.parse(llmbench.llama.ModelLocation.resolve().toString());
    }

    public String apiKey() {
        for (String name : API_KEY_ENV) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    public String label() {
        return get(Options.LABEL);
    }

    public Path resultsDir() {
        return get(Options.RESULTS_DIR);
    }

    /** @param defaultValue the simulation's own default (the seed script's) */
    public int maxTokens(int defaultValue) {
        Integer v = get(Options.MAX_TOKENS);
        return v != null ? v : defaultValue;
    }

    public double temperature() {
        return get(Options.TEMPERATURE);
    }

    public double requestTimeoutSeconds() {
        return seconds(get(Options.REQUEST_TIMEOUT_S));
    }

    public int warmupRequests() {
        return get(Options.WARMUP_REQUESTS);
    }

    public List<Integer> batchSizes() {
        return get(Options.BATCH_SIZES);
    }

    public int batchRuns() {
        return get(Options.BATCH_RUNS);
    }

    public double pauseBetweenRunsSeconds() {
        return seconds(get(Options.BATCH_PAUSE_RUN_S));
    }

    public double pauseBetweenBatchSizesSeconds() {
        return seconds(get(Options.BATCH_PAUSE_K_S));
    }

    public double saturationGain() {
        return get(Options.SATURATION_GAIN);
    }

    public Path newsDir() {
        return get(Options.NEWS_DIR);
    }

    public Path promptsFile() {
        return get(Options.PROMPTS_FILE);
    }

    public List<Integer> concurrencyLevels() {
        return get(Options.CONCURRENCY_LEVELS);
    }

    /** Null means N at level N, the seed's one request per user. */
    public Integer concurrencyRequests() {
        return get(Options.CONCURRENCY_REQUESTS);
    }

    public double concurrencyDurationSeconds() {
        return seconds(get(Options.CONCURRENCY_DURATION_S));
    }

    public double concurrencyPauseSeconds() {
        return seconds(get(Options.CONCURRENCY_PAUSE_S));
    }

    public List<Integer> singleLengths() {
        return get(Options.SINGLE_LENGTHS);
    }

    public List<String> singlePromptKeys() {
        return get(Options.SINGLE_PROMPTS);
    }

    public Path singlePromptsDir() {
        return get(Options.SINGLE_PROMPTS_DIR);
    }

    public double casePauseSeconds() {
        return seconds(get(Options.CASE_PAUSE_S));
    }

    public Path cacheFile() {
        return get(Options.CACHE_FILE);
    }

    /**
     * The salt of this run's prompts under {@code -Dcache.bust} ({@code bustByDefault} when not given), or null
     * when prompts go unsalted. Call once per run, before the run starts: the decision is recorded with the given
     * options ({@code cache.bust}, {@code cache.salt}), so the result file says whether its prompts could be
     * served from a prefix cache.
     */
    public String promptSalt(boolean bustByDefault) {
        String bust = get(Options.CACHE_BUST);
        boolean on = bust == null ? bustByDefault : Boolean.parseBoolean(bust);
        decided.put(Options.CACHE_BUST.name(), String.valueOf(on));
        if (!on) {
            return null;
        }
        String salt = cacheSalt();
        decided.put(Options.CACHE_SALT.name(), salt);
        return salt;
    }

    /** Absent means a fresh random salt per run (recorded in the result). */
    public String cacheSalt() {
        String salt = get(Options.CACHE_SALT);
        return salt != null ? salt : java.util.UUID.randomUUID().toString().substring(0, 12);
    }

    public Path ngramDir() {
        return get(Options.NGRAM_DIR);
    }

    /** Empty means all of categories.json. */
    public List<String> ngramCategories() {
        List<String> v = get(Options.NGRAM_CATEGORIES);
        return v == null ? List.of() : v;
    }

    public int ngramPromptsPerCategory() {
        return get(Options.NGRAM_PROMPTS_PER_CATEGORY);
    }

    /** Null means no speedups. */
    public Path baselineFile() {
        return get(Options.BASELINE_FILE);
    }

    public Path memoryFile() {
        return get(Options.MEMORY_FILE);
    }

    public List<Integer> memoryPromptTokens() {
        return get(Options.MEMORY_PROMPT_TOKENS);
    }

    /** {@code -Dtarget.pid}, else the number in {@code -Dtarget.pid.file}; null when neither is given. */
    public Long targetPid() {
        Long pid = get(Options.TARGET_PID);
        return pid != null ? pid : get(Options.TARGET_PID_FILE);
    }

    public Path apiFile() {
        return get(Options.API_FILE);
    }

    private static double seconds(java.time.Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** The options as recorded in result files: every declared option given with -D, nothing secret. */
    public Map<String, String> recordedOptions() {
        Map<String, String> out = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            if (Options.named(name) != null) {
                out.put(name, props.getProperty(name));
            }
        }
        out.putAll(decided);
        return out;
    }
}

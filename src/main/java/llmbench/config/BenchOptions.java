package llmbench.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The options of a run, read from system properties ({@code -Dname=value} on the mvn command line reaches
 * the forked Gatling JVM). Precedence: system property, then environment variable where one is named,
 * then the default written here. Each getter validates and fails with a one-line {@link BadInputException}.
 */
public final class BenchOptions {
    /** Environment variables searched, in order, for the target's API key. Never printed or recorded. */
    public static final List<String> API_KEY_ENV = List.of("LLM_BENCH_API_KEY", "OPENAI_API_KEY");

    private final Properties props;
    private final Map<String, String> env;

    public BenchOptions(Properties props, Map<String, String> env) {
        this.props = props;
        this.env = env;
    }

    public static BenchOptions fromSystem() {
        return new BenchOptions(System.getProperties(), System.getenv());
    }

    /** {@code -Dtarget.url}: an OpenAI-compatible server; absent means the embedded reference server. */
    public URI targetUrl() {
        String raw = trimmed("target.url");
        if (raw == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("target.url '" + raw + "' is not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new BadInputException("target.url '" + raw + "' must look like http://host:port");
        }
        return uri;
    }

    /** {@code -Dtarget.model}: the model id sent with each request; absent means ask {@code /v1/models}. */
    public String targetModel() {
        return trimmed("target.model");
    }

    /** {@code -Dtarget.profile}: performance profile of the embedded reference server. */
    public String embeddedProfile() {
        return string("target.profile", "default");
    }

    /** {@code -Dtarget.time.scale}: multiplies every time of the embedded server's profile. */
    public double embeddedTimeScale() {
        double v = positiveDouble("target.time.scale", 1.0);
        return v;
    }

    /** {@code -Dtarget.engine}: what generates the embedded server's tokens, {@code simulated} or {@code llama}. */
    public String embeddedEngine() {
        String v = string("target.engine", "simulated");
        if (!v.equals("simulated") && !v.equals("llama")) {
            throw new BadInputException("target.engine '" + v + "' must be simulated or llama");
        }
        return v;
    }

    /**
     * {@code -Dtarget.model.file}: the GGUF file of the embedded llama engine; default
     * {@link llmbench.llama.ModelLocation#resolve()} ({@code -Dllama.model.file}, env {@code LLAMA_MODEL_FILE},
     * {@code simulations-data/models/stories260K.gguf}). Must be a readable file.
     */
    public Path embeddedModelFile() {
        String raw = trimmed("target.model.file");
        Path p = raw != null ? Path.of(raw) : llmbench.llama.ModelLocation.resolve();
        Path abs = p.toAbsolutePath().normalize();
        if (!java.nio.file.Files.isRegularFile(abs)) {
            throw new BadInputException("target.model.file " + abs + " does not exist or is not a file");
        }
        if (!java.nio.file.Files.isReadable(abs)) {
            throw new BadInputException("target.model.file " + abs + " is not readable");
        }
        return abs;
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

    /** {@code -Dlabel}: names the server configuration measured; part of result file names. */
    public String label() {
        String label = string("label", "baseline");
        if (!label.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new BadInputException("label '" + label
                    + "' must be 1-64 characters of letters, digits, '.', '_' or '-' (no path separators)");
        }
        return label;
    }

    /** {@code -Dresults.dir}: where result files go (the plan's /tmp/kimi-bench-results by default). */
    public Path resultsDir() {
        return Path.of(string("results.dir", "/tmp/kimi-bench-results"));
    }

    /** {@code -Dmax.tokens}: max_tokens of every measured request. */
    public int maxTokens(int defaultValue) {
        return positiveInt("max.tokens", defaultValue);
    }

    /** {@code -Dtemperature}: sent explicitly with every request (the seed's benches use 0.7). */
    public double temperature() {
        double t = doubleValue("temperature", 0.7);
        if (t < 0 || t > 2) {
            throw new BadInputException("temperature " + t + " must be between 0 and 2");
        }
        return t;
    }

    /** {@code -Drequest.timeout.s}: how long one stream may wait for its first token, then for its end. */
    public double requestTimeoutSeconds() {
        return positiveDouble("request.timeout.s", 600);
    }

    /** {@code -Dwarmup.requests}: requests sent before measuring and left out of results. */
    public int warmupRequests() {
        int n = intValue("warmup.requests", 1);
        if (n < 0) {
            throw new BadInputException("warmup.requests " + n + " must be 0 or more");
        }
        return n;
    }

    /** {@code -Dbatch.sizes}: comma-separated k values; each k sends k requests at once. */
    public List<Integer> batchSizes() {
        return positiveIntList("batch.sizes", "1,2,3,4,5,6,7,8");
    }

    /** {@code -Dbatch.runs}: how many times each k is repeated (the seed's bench_batch uses 2). */
    public int batchRuns() {
        return positiveInt("batch.runs", 2);
    }

    /** {@code -Dbatch.pause.run.s} and {@code -Dbatch.pause.k.s}: idle time between runs and between k values. */
    public double pauseBetweenRunsSeconds() {
        return nonNegativeDouble("batch.pause.run.s", 1.0);
    }

    public double pauseBetweenBatchSizesSeconds() {
        return nonNegativeDouble("batch.pause.k.s", 2.0);
    }

    /** {@code -Dsaturation.gain}: a k whose throughput gain over k-1 is below this fraction saturates. */
    public double saturationGain() {
        double g = positiveDouble("saturation.gain", 0.10);
        return g;
    }

    /** {@code -Dnews.dir}: the news passages fed to BatchSimulation. */
    public Path newsDir() {
        return Path.of(string("news.dir", "simulations-data/news"));
    }

    /** {@code -Dprompts.file}: the short prompts, one per line (ConcurrentSimulation, SingleSimulation's short case). */
    public Path promptsFile() {
        return Path.of(string("prompts.file", "simulations-data/prompts/short.txt"));
    }

    /** {@code -Dconcurrency.levels}: comma-separated N values; each level keeps N requests in flight. */
    public List<Integer> concurrencyLevels() {
        return positiveIntList("concurrency.levels", "1,3,5,8");
    }

    /**
     * {@code -Dconcurrency.requests}: requests sent per level (at least N are sent at level N); absent means
     * N, the seed's one request per user.
     */
    public Integer concurrencyRequests() {
        return trimmed("concurrency.requests") == null ? null : positiveInt("concurrency.requests", 1);
    }

    /** {@code -Dconcurrency.duration.s}: after this long a level's users start no new request. */
    public double concurrencyDurationSeconds() {
        return positiveDouble("concurrency.duration.s", 600);
    }

    /** {@code -Dconcurrency.pause.s}: idle time between levels (the seed's 2 s). */
    public double concurrencyPauseSeconds() {
        return nonNegativeDouble("concurrency.pause.s", 2.0);
    }

    /** {@code -Dsingle.lengths}: max_tokens values of SingleSimulation's scaling cases. */
    public List<Integer> singleLengths() {
        return positiveIntList("single.lengths", "64,128,256,512,1024");
    }

    /** {@code -Dsingle.prompts}: comma-separated prompt keys of SingleSimulation (short, medium, long). */
    public List<String> singlePromptKeys() {
        List<String> keys = new ArrayList<>();
        for (String k : string("single.prompts", "short,medium,long").split(",")) {
            String key = k.strip();
            if (!List.of("short", "medium", "long").contains(key)) {
                throw new BadInputException("single.prompts contains '" + key + "'; use short, medium or long");
            }
            keys.add(key);
        }
        return List.copyOf(keys);
    }

    /** {@code -Dsingle.prompts.dir}: folder of SingleSimulation's short.txt, medium.txt and long.txt. */
    public Path singlePromptsDir() {
        return Path.of(string("single.prompts.dir", "simulations-data/prompts/single"));
    }

    /** {@code -Dcase.pause.s}: idle time after each case of the one-at-a-time benchmarks (the seed's 0.5 s). */
    public double casePauseSeconds() {
        return nonNegativeDouble("case.pause.s", 0.5);
    }

    /** {@code -Dcache.file}: CacheSimulation's texts (paragraph, instruction, suffixes, conversation). */
    public Path cacheFile() {
        return Path.of(string("cache.file", "simulations-data/cache/cache.json"));
    }

    /**
     * {@code -Dcache.salt}: the salt line that makes this run's cold request cold; absent means a fresh random
     * one per run (recorded in the result).
     */
    public String cacheSalt() {
        String salt = trimmed("cache.salt");
        return salt != null ? salt : java.util.UUID.randomUUID().toString().substring(0, 12);
    }

    /** {@code -Dngram.dir}: the n-gram category prompts ({@code categories.json} and one folder per category). */
    public Path ngramDir() {
        return Path.of(string("ngram.dir", "simulations-data/ngram"));
    }

    /** {@code -Dngram.categories}: comma-separated categories to run; absent means all of categories.json. */
    public List<String> ngramCategories() {
        String raw = trimmed("ngram.categories");
        if (raw == null) {
            return List.of();
        }
        return java.util.Arrays.stream(raw.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** {@code -Dngram.prompts.per.category}: how many of a category's prompts are sent (files in name order). */
    public int ngramPromptsPerCategory() {
        return positiveInt("ngram.prompts.per.category", 4);
    }

    /**
     * {@code -Dbaseline.file}: an earlier bench_ngram result (e.g. label baseline) to compute speedups against;
     * absent means no speedups.
     */
    public Path baselineFile() {
        String raw = trimmed("baseline.file");
        if (raw == null) {
            return null;
        }
        Path p = Path.of(raw);
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new BadInputException("baseline.file " + p.toAbsolutePath() + " does not exist");
        }
        return p;
    }

    /** {@code -Dmemory.file}: MemorySimulation's prompts (short, medium, long_context). */
    public Path memoryFile() {
        return Path.of(string("memory.file", "simulations-data/memory/memory.json"));
    }

    /**
     * {@code -Dmemory.prompt.tokens}: MemorySimulation's prompt sizes, in estimated tokens, each one case
     * {@code prompt_<N>} after the seed's three; {@code none} or an empty value means the seed's cases only.
     */
    public List<Integer> memoryPromptTokens() {
        String raw = props.getProperty("memory.prompt.tokens");
        if (raw != null && (raw.isBlank() || raw.strip().equalsIgnoreCase("none"))) {
            return List.of();
        }
        return positiveIntList("memory.prompt.tokens", "512,2048,8192");
    }

    /**
     * The target server's process id for resident-memory readings ({@code /proc/<pid>/status}, Linux):
     * {@code -Dtarget.pid}, else the number in the file {@code -Dtarget.pid.file}; null when neither is given.
     */
    public Long targetPid() {
        String raw = trimmed("target.pid");
        String from = "target.pid";
        if (raw == null && trimmed("target.pid.file") != null) {
            Path f = Path.of(trimmed("target.pid.file"));
            try {
                raw = java.nio.file.Files.readString(f).strip();
                from = "target.pid.file " + f;
            } catch (java.io.IOException e) {
                throw new BadInputException("target.pid.file " + f.toAbsolutePath() + " cannot be read: " + e.getMessage());
            }
        }
        if (raw == null) {
            return null;
        }
        try {
            long pid = Long.parseLong(raw);
            if (pid <= 0) {
                throw new NumberFormatException();
            }
            return pid;
        } catch (NumberFormatException e) {
            throw new BadInputException(from + " '" + raw + "' is not a process id");
        }
    }

    /** {@code -Dapi.file}: ApiComprehensiveSimulation's prompts and limits per check. */
    public Path apiFile() {
        return Path.of(string("api.file", "simulations-data/api/api.json"));
    }

    /** The options as recorded in result files: everything given with -D that is ours, nothing secret. */
    public Map<String, String> recordedOptions() {
        Map<String, String> out = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            if (OUR_PREFIXES.stream().anyMatch(name::startsWith)) {
                out.put(name, props.getProperty(name));
            }
        }
        return out;
    }

    private static final List<String> OUR_PREFIXES = List.of("target.", "label", "results.dir", "max.tokens",
            "temperature", "request.timeout.s", "warmup.", "batch.", "saturation.", "news.", "prompts.", "concurrency.",
            "single.", "cache.", "ngram.", "memory.", "baseline.", "api.", "case.");

    private String trimmed(String name) {
        String v = props.getProperty(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private String string(String name, String defaultValue) {
        String v = trimmed(name);
        return v == null ? defaultValue : v;
    }

    private int intValue(String name, int defaultValue) {
        String v = trimmed(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadInputException(name + " '" + v + "' is not a whole number");
        }
    }

    private int positiveInt(String name, int defaultValue) {
        int n = intValue(name, defaultValue);
        if (n <= 0) {
            throw new BadInputException(name + " " + n + " must be at least 1");
        }
        return n;
    }

    private double doubleValue(String name, double defaultValue) {
        String v = trimmed(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadInputException(name + " '" + v + "' is not a number");
        }
    }

    private double positiveDouble(String name, double defaultValue) {
        double d = doubleValue(name, defaultValue);
        if (d <= 0) {
            throw new BadInputException(name + " " + d + " must be greater than 0");
        }
        return d;
    }

    private double nonNegativeDouble(String name, double defaultValue) {
        double d = doubleValue(name, defaultValue);
        if (d < 0) {
            throw new BadInputException(name + " " + d + " must be 0 or more");
        }
        return d;
    }

    private List<Integer> positiveIntList(String name, String defaultValue) {
        String raw = string(name, defaultValue);
        List<Integer> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            String p = part.strip();
            int n;
            try {
                n = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new BadInputException(name + " '" + raw + "' must be a comma-separated list of whole numbers");
            }
            if (n <= 0) {
                throw new BadInputException(name + " contains " + n + "; every value must be at least 1");
            }
            out.add(n);
        }
        return List.copyOf(out);
    }
}

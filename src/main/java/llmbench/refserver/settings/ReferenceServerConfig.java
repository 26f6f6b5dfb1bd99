package llmbench.refserver.settings;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Settings of one reference server, with the seed server's defaults. Each flag is declared once: the
 * server's own below, the engine's in {@link EngineSettings} (mixed in); picocli sets the fields, the
 * field's initial value is the default, and {@link #validate()} holds the bounds with a message a person
 * can act on. {@link llmbench.refserver.ReferenceServerMain} parses the command line into these fields; Java callers use the
 * same flags through {@link #withFlags}, so both paths check the same way. Immutable from outside: every
 * {@code with…} method returns a checked copy.
 */
public final class ReferenceServerConfig {

    public static final String DEFAULT_MODEL = "reference-model";

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    /** 0 picks a free port: the embedded default. The command line's default is 8080 (ReferenceServerMain). */
    @Option(names = "--port", description = "Port; 0 picks a free one (default: 8080).")
    int port = 0;

    @Option(names = "--profile", description = "Built-in profile (default, tiny, kimi-k2.5-2node) or path of a profile JSON file (default: ${DEFAULT-VALUE}).")
    String profile = "default";

    @Option(names = "--time-scale", description = "Multiplies every profile time; 0.1 = ten times faster (default: ${DEFAULT-VALUE}).")
    double timeScale = 1.0;

    /** null means "the profile's max_batch_size". */
    @Option(names = "--max-batch-size", description = "Sequences admitted at once (default: the profile's).")
    Integer maxBatchSize = null;

    @Option(names = "--max-queue-size", description = "Waiting requests before 429 (default: ${DEFAULT-VALUE}).")
    int maxQueueSize = 128;

    @Option(names = "--max-prompt-tokens", description = "Longest accepted prompt (default: ${DEFAULT-VALUE}).")
    int maxPromptTokens = 32768;

    @Option(names = "--max-request-bytes", description = "Largest accepted request body (default: ${DEFAULT-VALUE}).")
    int maxRequestBytes = 1_048_576;

    /** 0 = normal priority; 1..99 = the threads that keep the token schedule run SCHED_FIFO at this priority. */
    @Option(names = "--realtime-priority", description = "Run the step loop, the event loops and the JVM's pause threads "
            + "under SCHED_FIFO with this priority, 1..99 (Linux, needs CAP_SYS_NICE, e.g. root; uses chrt); "
            + "0 = normal priority (default: ${DEFAULT-VALUE}).")
    int realtimePriority = 0;

    /** 0 = the process's own niceness; 1..19 = the server's threads run at this niceness. */
    @Option(names = "--nice", description = "Run the server's threads (refserver-*) at this niceness, 1..19, below a "
            + "load generator on the same cores (Linux; uses renice); 0 = leave them as started (default: ${DEFAULT-VALUE}).")
    int nice = 0;

    /** The served model id: no flag of its own (ReferenceServerMain maps {@code --model}, {@code --model-id}). */
    String model = DEFAULT_MODEL;

    /** The seed's limit on generated tokens per request; not a flag. */
    int maxGenerationTokens = 32768;

    @Mixin
    EngineSettings engine = new EngineSettings();

    @Mixin
    FaultSettings faults = new FaultSettings();

    ReferenceServerConfig() {
    }

    /** 127.0.0.1, a free port, model "reference-model", profile "default", time scale 1, seed limits. */
    public static ReferenceServerConfig defaults() {
        return new ReferenceServerConfig();
    }

    /**
     * The defaults for ReferenceServerMain to parse into: port 8080 instead of a free one, and the API key
     * from the environment variable MLX_LM_SERVER_API_KEY (as the seed server).
     */
    public static ReferenceServerConfig commandLineDefaults() {
        ReferenceServerConfig d = new ReferenceServerConfig();
        d.port = 8080;
        d.engine.apiKey = System.getenv("MLX_LM_SERVER_API_KEY");
        return d;
    }

    /** This object once every value is checked (and the API key stripped); for settings picocli has just set. */
    public ReferenceServerConfig validated() {
        validate();
        return this;
    }

    /**
     * A checked copy with the given command-line flags applied (any flag of {@link llmbench.refserver.ReferenceServerMain} but
     * {@code --model} and {@code --model-id}, which are {@link #withModel} and {@link #withModelFile}), e.g.
     * {@code withFlags("--profile", "tiny", "--num-blocks", "8")}. A bad flag or value:
     * {@link IllegalArgumentException} with one line.
     */
    public ReferenceServerConfig withFlags(String... flags) {
        ReferenceServerConfig c = copy();
        CommandLine cli = new CommandLine(c);
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(flags);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        // parsing resets unnamed flags that declare a defaultValue; they keep this object's values instead
        CommandSpec mine = CommandSpec.forAnnotatedObject(this);
        for (OptionSpec o : cli.getCommandSpec().options()) {
            if (!parsed.hasMatchedOption(o)) {
                o.setValue(mine.findOption(o.longestName()).getValue());
            }
        }
        c.validate();
        return c;
    }

    /** The served model id. */
    public ReferenceServerConfig withModel(String v) {
        ReferenceServerConfig c = copy();
        c.model = v;
        c.validate();
        return c;
    }

    /**
     * The llama engine's GGUF file; also sets the served model id to the file name without {@code .gguf}
     * (call {@link #withModel} afterwards to serve another id).
     */
    public ReferenceServerConfig withModelFile(String v) {
        ReferenceServerConfig c = copy();
        c.engine.modelFile = v;
        c.validate();
        if (v == null || v.isBlank()) {
            return c;
        }
        String name = java.nio.file.Path.of(v.strip()).getFileName().toString();
        return c.withModel(name.endsWith(".gguf") && name.length() > 5 ? name.substring(0, name.length() - 5) : name);
    }

    /** Every flag's value copied through picocli's model of both classes, then the two values without flags. */
    private ReferenceServerConfig copy() {
        ReferenceServerConfig c = new ReferenceServerConfig();
        CommandSpec to = CommandSpec.forAnnotatedObject(c);
        for (OptionSpec o : CommandSpec.forAnnotatedObject(this).options()) {
            to.findOption(o.longestName()).setValue(o.getValue());
        }
        c.model = model;
        c.maxGenerationTokens = maxGenerationTokens;
        c.engine.modelFile = engine.modelFile;
        return c;
    }

    /** Checks every value of this class and of {@link EngineSettings}; the first problem is the message. */
    void validate() {
        require(host != null && !host.isBlank(), "host must not be empty");
        require(port >= 0 && port <= 65535, "port must be between 0 and 65535, got " + port);
        require(model != null && !model.isBlank(), "model must not be empty");
        require(profile != null && !profile.isBlank(), "profile must not be empty");
        require(timeScale > 0 && !Double.isInfinite(timeScale), "time scale must be a positive number, got " + timeScale);
        require(maxBatchSize == null || maxBatchSize > 0, "max batch size must be at least 1, got " + maxBatchSize);
        require(maxQueueSize > 0, "max queue size must be at least 1, got " + maxQueueSize);
        require(maxPromptTokens > 0, "max prompt tokens must be at least 1, got " + maxPromptTokens);
        require(maxRequestBytes > 0, "max request bytes must be at least 1, got " + maxRequestBytes);
        require(maxGenerationTokens > 0, "max generation tokens must be at least 1, got " + maxGenerationTokens);
        require(realtimePriority >= 0 && realtimePriority <= 99,
                "realtime priority must be between 0 (off) and 99, got " + realtimePriority);
        require(nice >= 0 && nice <= 19, "nice must be between 0 (off) and 19, got " + nice);
        require(nice == 0 || realtimePriority == 0,
                "--nice and --realtime-priority pull opposite ways (below the client, above everything); give one");
        engine.validate();
        faults.validate();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The served model id. */
    public String model() {
        return model;
    }

    /** A built-in profile name ("default", "tiny") or the path of a profile JSON file. */
    public String profile() {
        return profile;
    }

    /** Multiplies every profile time (0.1 = ten times faster). */
    public double timeScale() {
        return timeScale;
    }

    /** Sequences admitted at once, or null for the profile's max_batch_size. */
    public Integer maxBatchSize() {
        return maxBatchSize;
    }

    public int maxQueueSize() {
        return maxQueueSize;
    }

    public int maxPromptTokens() {
        return maxPromptTokens;
    }

    /** SCHED_FIFO priority of the step loop and the event loops, 0 = normal priority. */
    public int realtimePriority() {
        return realtimePriority;
    }

    /** Niceness of the server's threads, 0 = as the process was started. */
    public int nice() {
        return nice;
    }

    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    public int maxGenerationTokens() {
        return maxGenerationTokens;
    }

    public EngineSettings engine() {
        return engine;
    }

    /** Fault injection (off unless --fault-rate is above 0). */
    public FaultSettings faults() {
        return faults;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

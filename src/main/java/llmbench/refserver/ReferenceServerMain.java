package llmbench.refserver;

import java.util.concurrent.Callable;
import llmbench.refserver.settings.EngineSettings;
import llmbench.refserver.settings.ReferenceServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Standalone reference server. Prints one line with its URL once listening; SIGTERM (or Ctrl-C) closes
 * it gracefully. Invalid flags or values: one line on stderr and exit code 2, as the seed's argparse.
 */
@Command(name = "reference-server", mixinStandardHelpOptions = true,
        description = "OpenAI-compatible reference server: a continuous-batching performance model, or llama.cpp on a GGUF file (--engine llama).")
public final class ReferenceServerMain implements Callable<Integer> {
    static final int EXIT_USAGE = 2;

    /**
     * Every other flag, declared once in {@link ReferenceServerConfig} and {@link EngineSettings}; the
     * command line's own defaults: port 8080, API key from the environment.
     */
    @Mixin
    final ReferenceServerConfig settings = ReferenceServerConfig.commandLineDefaults();

    @Option(names = "--model", description = "simulated engine: model id served and checked (default: reference-model); llama engine: the GGUF model file.")
    String model;

    @Option(names = "--model-id", description = "Model id served and checked (default: --model for the simulated engine, the GGUF file name without .gguf for llama).")
    String modelId;

    @Override
    public Integer call() throws InterruptedException {
        ReferenceServerConfig cfg;
        ReferenceServer server;
        try {
            cfg = settings.validated();
            if (cfg.engine().llama()) {
                if (model == null) {
                    throw new IllegalArgumentException("--engine llama needs --model <file.gguf>");
                }
                cfg = cfg.withModelFile(model);
            } else if (model != null) {
                cfg = cfg.withModel(model);
            }
            if (modelId != null) {
                cfg = cfg.withModel(modelId);
            }
            server = ReferenceServer.start(cfg);
        } catch (IllegalArgumentException e) {
            System.err.println("reference-server: error: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IllegalStateException e) { // llama.cpp refused a file that looked valid
            System.err.println("reference-server: error: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "refserver-shutdown"));
        System.out.println("Reference server listening on " + server.baseUrl() + " (model " + cfg.model()
                + (cfg.engine().llama() ? ", engine llama, file " + cfg.engine().modelFile() + ", "
                + cfg.engine().parallelSlots() + " slots"
                : ", profile " + cfg.profile() + ", time scale " + cfg.timeScale())
                + ", transport " + server.transport()
                + (cfg.realtimePriority() > 0 ? ", realtime priority " + cfg.realtimePriority() : "") + ")");
        System.out.flush();
        server.awaitClosed();
        return 0;
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        System.exit(run(args));
    }

    /**
     * Without a logging configuration logback prints Netty's DEBUG start-up chatter on stdout, where the
     * one "listening on" line is expected; keep INFO unless the user configured logging.
     */
    private static void quietLibraryLogging() {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new ReferenceServerMain());
        cli.setParameterExceptionHandler((ex, a) -> {
            System.err.println("reference-server: error: " + ex.getMessage());
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }
}

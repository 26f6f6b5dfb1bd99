package llmbench.lifecycle;

import java.net.URI;
import java.time.Duration;
import llmbench.config.BadInputException;
import llmbench.config.BenchOptions;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.settings.ReferenceServerConfig;

/**
 * Chooses and readies the target of a run from the options: external if {@code target.url} is given, else
 * the embedded reference server, with the simulated engine or ({@code target.engine=llama}) llama.cpp.
 */
public final class TargetResolver {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    /** The model id the embedded simulated server serves (checked before a run starts, see MavenPreflight). */
    public static final String EMBEDDED_MODEL = ReferenceServerConfig.DEFAULT_MODEL;
    /** Requests the embedded server queues before it answers 429. */
    public static final int EMBEDDED_QUEUE = ReferenceServerConfig.defaults().maxQueueSize();

    private TargetResolver() {
    }

    public static Target resolve(BenchOptions options) {
        URI url = options.targetUrl();
        return url == null ? embedded(options) : external(url, options);
    }

    private static Target external(URI url, BenchOptions options) {
        String key = options.apiKey();
        ServerProbe probe = new ServerProbe(url, key, PROBE_TIMEOUT);
        String model = options.targetModel();
        if (model == null) {
            model = probe.firstModelId();
        } else {
            probe.requireReachable();
        }
        return new Target(url, model, "external", null, key, null);
    }

    /**
     * The embedded server serves one model id ({@code served}); a different {@code -Dtarget.model} is refused
     * rather than silently measured under the other name.
     */
    public static void requireServedModel(String asked, String served) {
        if (asked != null && !asked.equals(served)) {
            throw new BadInputException("target.model " + asked + ": the embedded reference server serves only "
                    + served + "; leave -Dtarget.model out, or measure a server that has it with -Dtarget.url");
        }
    }

    private static Target embedded(BenchOptions options) {
        String profile = options.embeddedProfile();
        double scale = options.embeddedTimeScale();
        boolean llama = options.embeddedEngine().equals("llama");
        java.nio.file.Path modelFile = llama ? options.embeddedModelFile() : null;
        // Idle cached blocks are evictable, as in vLLM: with cache.bust every prompt is new, and under the seed's
        // rule (idle cached blocks count as used) the main job's 73 distinct prompts would fill the pool and get
        // 503 memory_pressure from k = 7 on.
        ReferenceServerConfig config = ReferenceServerConfig.defaults().withFlags("--port=0", "--host=127.0.0.1",
                "--profile=" + profile, "--time-scale=" + scale, "--utilization-excludes-idle-cache");
        if (llama) {
            config = config.withFlags("--engine=llama").withModelFile(modelFile.toString());
        }
        requireServedModel(options.targetModel(), config.model());
        ReferenceServer server;
        try {
            server = ReferenceServer.start(config);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("embedded reference server: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new BadInputException("embedded reference server failed to start: " + e, e);
        }
        URI url = URI.create(server.baseUrl());
        try {
            String model = new ServerProbe(url, null, PROBE_TIMEOUT).firstModelId();
            String detail = llama ? "engine llama, " + modelFile + ", " + config.engine().parallelSlots() + " slots"
                    : "profile " + profile + (scale == 1.0 ? "" : ", time scale " + scale);
            return new Target(url, model, "embedded", detail, null, server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }
}

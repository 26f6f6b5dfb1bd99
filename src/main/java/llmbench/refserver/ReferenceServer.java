package llmbench.refserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import llmbench.llama.LlamaEngine;
import llmbench.refserver.engine.Engine;
import llmbench.refserver.engine.LlamaBackend;
import llmbench.refserver.engine.SimulatedEngine;
import llmbench.refserver.groundtruth.GroundTruth;
import llmbench.refserver.groundtruth.GroundTruthLog;
import llmbench.refserver.http.HttpServerInitializer;
import llmbench.refserver.http.ServerContext;
import llmbench.refserver.http.Transport;
import llmbench.refserver.kvcache.KvBlockCache;
import llmbench.refserver.kvcache.SsdTier;
import llmbench.refserver.model.NgramTextModel;
import llmbench.refserver.model.Tokenizer;
import llmbench.refserver.profile.PerformanceProfile;
import llmbench.refserver.profile.ProfileLoader;
import llmbench.refserver.scheduler.BatchScheduler;
import llmbench.refserver.scheduler.DebugLeak;
import llmbench.refserver.settings.EngineSettings;
import llmbench.refserver.settings.ReferenceServerConfig;
import llmbench.refserver.spec.NgramProposer;
import llmbench.refserver.spec.SpecController;

/**
 * A running reference server: an OpenAI-compatible HTTP server whose timing comes from a
 * continuous-batching scheduler driven by a {@link PerformanceProfile} (or, with the llama engine, from
 * llama.cpp's slots: {@link LlamaBackend}), and which records the ground truth of every request it served.
 *
 * <pre>
 *   try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
 *       String url = server.baseUrl();
 *       ...
 *       List&lt;GroundTruth&gt; truth = server.groundTruth();
 *   }
 * </pre>
 */
public final class ReferenceServer implements AutoCloseable {
    /** The JVM's threads that a safepoint or stop-the-world GC pause waits for (thread-name prefixes). */
    private static final List<String> JVM_PAUSE_THREADS = List.of("VM Thread", "GC Thread");

    private final ReferenceServerConfig config;
    private final PerformanceProfile profile;
    private final BatchScheduler scheduler;
    private final DebugLeak leak;
    private final SsdTier ssd;
    private final Engine engine;
    private final GroundTruthLog truth = new GroundTruthLog(GroundTruthLog.DEFAULT_CAPACITY);
    private final Transport transport;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final ExecutorService apiPool;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Channel serverChannel;
    private final int port;

    private ReferenceServer(ReferenceServerConfig config, LlamaEngine llama) throws InterruptedException {
        this.config = config;
        this.profile = ProfileLoader.load(config.profile()).scaled(config.timeScale());
        int maxBatch = config.maxBatchSize() != null ? config.maxBatchSize() : profile.maxBatchSize();
        Tokenizer tokenizer = new Tokenizer();
        NgramTextModel model = NgramTextModel.withBuiltInCorpus(tokenizer);
        if (llama == null && profile.loadSeconds() > 0) {
            Thread.sleep(Math.round(profile.loadSeconds() * 1000)); // "loading the model": not listening yet
        }
        // Threads only after everything that can fail on bad input, so a refused start leaks nothing.
        // Daemon event loops: an embedded server must not keep a crashed benchmark JVM alive; the standalone
        // main blocks in awaitClosed() instead.
        this.transport = Transport.best();
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("refserver-accept", true),
                transport.ioHandlers());
        this.workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("refserver-io", true),
                transport.ioHandlers());
        this.apiPool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("refserver-api", true));
        KvBlockCache cache = new KvBlockCache(config.engine().numBlocks(), config.engine().blockSize());
        if (config.engine().ssdEnabled()) {
            EngineSettings en = config.engine();
            var shape = profile.shape();
            ssd = new SsdTier(java.nio.file.Path.of(en.ssdCacheDir()), SsdTier.fingerprint(config.model(), en.kvBits(),
                    en.kvGroupSize(), shape.numLayers(), shape.numKvHeads(), shape.numKvHeads() * shape.headDim()),
                    en.ssdPolicy(), en.ssdAsyncWrites(), Math.round(en.ssdMaxSizeGb() * 1024 * 1024 * 1024),
                    en.ssdTtlDays());
            cache.attachSsd(ssd);
        } else {
            ssd = null;
        }
        EngineSettings eng = config.engine();
        SpecController spec = new SpecController(eng.specDecode(), eng.numSpeculativeTokens(),
                eng.specAcceptanceThreshold(), eng.specDynamic(), eng.adaptiveK(), eng.specDisableBatchSize());
        this.scheduler = new BatchScheduler(profile, maxBatch, config.maxQueueSize(), cache, spec,
                new NgramProposer(eng.ngramMin(), eng.ngramMax()), eng.ngramPromptLookup(), eng.draftContextLen());
        this.leak = new DebugLeak(eng.debugLeakKbPerRequest());
        scheduler.leakPerCompletedRequest(leak);
        Engine simulated = new SimulatedEngine(scheduler, model, tokenizer, new SimulatedEngine.Limits(
                config.maxPromptTokens(), config.maxGenerationTokens(), eng.blockSize(),
                eng.memoryPressureThreshold(), eng.idleCacheCountsAsUsed()));
        // With llama the simulated engine stays idle and only keeps the seed's /health figures (LlamaBackend).
        this.engine = llama == null ? simulated : new LlamaBackend(llama, config.maxQueueSize(),
                config.maxPromptTokens(), config.maxGenerationTokens(), simulated);
        ServerContext ctx = new ServerContext(config, tokenizer, engine, truth, new ObjectMapper(), System.nanoTime(),
                profile, leak, transport.name());
        try {
            if (config.realtimePriority() > 0 || config.nice() > 0) {
                for (io.netty.util.concurrent.EventExecutor loop : workers) {
                    loop.submit(() -> { }).syncUninterruptibly(); // event-loop threads start on their first task
                }
                acceptor.submit(() -> { }).syncUninterruptibly();
            }
            if (config.realtimePriority() > 0) {
                // with the JVM's safepoint and stop-the-world GC threads: a pause stops the step loop too
                List<String> timing = new java.util.ArrayList<>(List.of("refserver-sched", "refserver-io-"));
                timing.addAll(JVM_PAUSE_THREADS);
                ThreadPriorities.realtime(config.realtimePriority(), timing);
            }
            if (config.nice() > 0) {
                // every server thread there is; those started later by them (API workers, the SSD writer) inherit it
                ThreadPriorities.nice(config.nice(), List.of("refserver-"));
            }
            serverChannel = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new HttpServerInitializer(ctx, apiPool, channels))
                    .bind(config.host(), config.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownResources();
            throw e;
        }
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Starts a server and returns once it is listening. */
    public static ReferenceServer start(ReferenceServerConfig config) {
        LlamaEngine llama = loadLlama(config.engine());
        try {
            return new ReferenceServer(config, llama);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(llama);
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException | Error e) {
            closeQuietly(llama);
            throw e;
        }
    }

    /**
     * The llama engine's model, or null for the simulated engine. The model file is checked first (a one-line
     * IllegalArgumentException naming it), before any of the server's threads exist.
     */
    private static LlamaEngine loadLlama(EngineSettings en) {
        if (!en.llama()) {
            return null;
        }
        if (en.modelFile() == null || en.modelFile().isBlank()) {
            throw new IllegalArgumentException("engine llama needs a model file (--model <file.gguf>)");
        }
        return LlamaBackend.loadModel(java.nio.file.Path.of(en.modelFile()), en.contextSize(), en.parallelSlots(),
                en.threads());
    }

    private static void closeQuietly(LlamaEngine llama) {
        if (llama != null) {
            llama.close();
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://<host>:<port>} (IPv6 hosts in brackets). */
    public String baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port;
    }

    /** The event loops' Netty transport: "epoll" or "nio" (see {@link Transport}). */
    public String transport() {
        return transport.name();
    }

    public ReferenceServerConfig config() {
        return config;
    }

    /** The profile in effect, time scale applied. */
    public PerformanceProfile profile() {
        return profile;
    }

    /** Recent requests' ground truth (bounded ring), oldest first. */
    public List<GroundTruth> groundTruth() {
        return truth.snapshot();
    }

    /** Bytes retained by the {@code --debug-leak-kb-per-request} test aid. */
    public long debugLeakedBytes() {
        return leak.retainedBytes();
    }

    public BatchScheduler.Stats stats() {
        return scheduler.stats();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
    }

    /**
     * Stops listening, cancels queued and running sequences (their connections are closed), and shuts
     * the threads down. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            engine.close(); // cancels its requests while the event loops can still end their responses
            channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        } finally {
            shutdownResources();
            closedLatch.countDown();
        }
    }

    /** API workers first (they may still write), then the event loops. */
    private void shutdownResources() {
        engine.close();
        if (ssd != null) {
            ssd.close();
        }
        apiPool.shutdown();
        try {
            apiPool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        acceptor.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        if (config.realtimePriority() > 0) {
            ThreadPriorities.restore(JVM_PAUSE_THREADS); // they outlive the server in an embedding JVM
        }
    }
}

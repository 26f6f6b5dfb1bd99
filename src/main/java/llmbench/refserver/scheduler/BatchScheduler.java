package llmbench.refserver.scheduler;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import llmbench.refserver.kvcache.KvBlockCache;
import llmbench.refserver.profile.PerformanceProfile;
import llmbench.refserver.spec.NgramProposer;
import llmbench.refserver.spec.SpecController;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The continuous-batching loop: one thread that runs steps back to back on real time.
 *
 * <p>Each step is planned by {@link StepPlanner}, lasts {@link PerformanceProfile#stepNanos} of the
 * plan, computes its tokens and has the sinks build their bytes while the step's time runs, and sends
 * them when the step ends (one hand-off per event loop, not per token).
 * Steps are laid end to end on the nanoTime axis (the next one starts at the previous deadline), so
 * small overshoots do not accumulate; after a stall longer than {@value #LAG_RESET_NANOS} ns the axis
 * restarts at the current time instead of catching up with a burst. The thread parks while idle.
 */
public final class BatchScheduler implements AutoCloseable {
    static final long LAG_RESET_NANOS = 2_000_000L;

    private final PerformanceProfile profile;
    private final int maxQueueSize;
    private final StepPlanner planner;
    private final KvBlockCache cache;
    private final Speculation speculation;
    private volatile DebugLeak leak = new DebugLeak(0);
    private final ConcurrentLinkedQueue<Sequence> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread thread;
    private volatile boolean open = true;
    private volatile int active;

    private final AtomicLong totalRequests = new AtomicLong();
    private final AtomicLong requestsCompleted = new AtomicLong();
    private final AtomicLong requestsCancelled = new AtomicLong();
    private final AtomicLong tokensGenerated = new AtomicLong();
    private final AtomicLong totalPrefillTokens = new AtomicLong();
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong stepsLateOver1ms = new AtomicLong();
    private final AtomicLong specDrafted = new AtomicLong();
    private final AtomicLong specAccepted = new AtomicLong();
    private volatile long maxEmitLagNanos;
    /** Emit lag of every step in µs; written wait-free by the loop, drained into {@link #emitLagWindow}. */
    private final Recorder emitLag = new Recorder(3);
    /** Emit lag since start or the last {@link #resetEmitLag()}; guarded by itself. */
    private final Histogram emitLagWindow = new Histogram(3);
    private Histogram emitLagInterval; // recycled by the Recorder; guarded by emitLagWindow
    private volatile long lastStepEndNanos = System.nanoTime();

    /** @param profile already time-scaled */
    public BatchScheduler(PerformanceProfile profile, int maxBatchSize, int maxQueueSize) {
        this(profile, maxBatchSize, maxQueueSize, null, null, null, false);
    }

    /**
     * @param profile already time-scaled
     * @param cache   the KV block cache (admission, prefix reuse), or null for none
     * @param spec    speculative decoding controller, or null (or mode none) for plain decoding
     * @param ngram   the n-gram proposer (used in mode ngram)
     * @param promptLookup n-gram lookup over prompt + generated tokens (else generated only)
     */
    public BatchScheduler(PerformanceProfile profile, int maxBatchSize, int maxQueueSize, KvBlockCache cache,
                          SpecController spec, NgramProposer ngram, boolean promptLookup) {
        this(profile, maxBatchSize, maxQueueSize, cache, spec, ngram, promptLookup, 128);
    }

    /** As above; {@code draftContextLen}: tokens per sequence the simulated draft prefills each step. */
    public BatchScheduler(PerformanceProfile profile, int maxBatchSize, int maxQueueSize, KvBlockCache cache,
                          SpecController spec, NgramProposer ngram, boolean promptLookup, int draftContextLen) {
        this.profile = profile;
        this.maxQueueSize = maxQueueSize;
        this.cache = cache;
        this.speculation = spec == null || !spec.enabled() ? null
                : new Speculation(spec, ngram, promptLookup, profile.spec(), draftContextLen,
                        profile.draftPrefillTokenMs());
        this.planner = new StepPlanner(maxBatchSize, profile.prefillChunkTokens(), this::admit);
        this.thread = new Thread(this::loop, "refserver-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a sequence. Returns false if {@code maxQueueSize} sequences are already waiting for
     * admission; throws {@link IllegalStateException} once the scheduler is closed.
     */
    public boolean submit(Sequence s) {
        if (!reserve()) {
            return false;
        }
        submitReserved(s);
        return true;
    }

    /**
     * Takes a place in the waiting queue, so a caller can send response headers before the sequence
     * exists; false if the queue is full. Follow with {@link #submitReserved} or {@link #unreserve}.
     */
    public boolean reserve() {
        if (!open) {
            throw new IllegalStateException("scheduler closed");
        }
        if (queued.incrementAndGet() > maxQueueSize) {
            queued.decrementAndGet();
            return false;
        }
        return true;
    }

    public void unreserve() {
        queued.decrementAndGet();
    }

    public void submitReserved(Sequence s) {
        totalRequests.incrementAndGet();
        incoming.add(s);
        LockSupport.unpark(thread);
        if (!open) {
            s.cancel(); // closed meanwhile: close() may already have drained the queue
            s.sink().onCancelled();
        }
    }

    public int maxQueueSize() {
        return maxQueueSize;
    }

    /** False once {@link #close()} began. */
    public boolean isOpen() {
        return open;
    }

    /** Test aid: retain heap per completed request (see {@link DebugLeak}). */
    public void leakPerCompletedRequest(DebugLeak leak) {
        this.leak = leak;
    }

    /** Speculative decoding's controller, or null when off. */
    public SpecController spec() {
        return speculation == null ? null : speculation.controller();
    }

    /** {drafted, accepted} draft tokens since start (seed cache_stats spec_tokens_drafted/accepted). */
    public long[] specTokens() {
        return new long[] {specDrafted.get(), specAccepted.get()};
    }

    /** The KV block cache, or null. */
    public KvBlockCache cache() {
        return cache;
    }

    /** Seconds since the last step ended (or since start). */
    public double secondsSinceLastStep() {
        return (System.nanoTime() - lastStepEndNanos) / 1e9;
    }

    /** Admission with a KV cache: the prompt's uncached blocks must be available (see KvBlockCache). */
    private boolean admit(Sequence s, boolean alone) {
        if (cache == null || s.kv() != null) {
            return true;
        }
        KvBlockCache.SequenceBlocks blocks = cache.admit(s.blockHashes(), s.promptIds(), s.promptTokens(), alone);
        if (blocks == null) {
            return false;
        }
        s.attach(blocks);
        return true;
    }

    private void produce(Sequence s) {
        s.produceToken();
        if (cache != null && s.kv() != null) {
            cache.onTokens(s.kv(), s.promptTokens() + s.generated());
        }
    }

    /** The sequence is done (finished or dropped): its KV blocks and its onEnd action. Idempotent. */
    private void release(Sequence s) {
        if (cache != null && s.kv() != null) {
            cache.release(s.kv());
        }
        try {
            s.ended();
        } catch (RuntimeException ignored) {
            // a caller's action must not stop the loop
        }
    }

    public Stats stats() {
        synchronized (emitLagWindow) {
            drainEmitLag();
            return new Stats(active, queued.get(), requestsCompleted.get(), requestsCancelled.get(),
                    tokensGenerated.get(), totalPrefillTokens.get(), totalRequests.get(), steps.get(),
                    stepsLateOver1ms.get(), maxEmitLagNanos / 1000, EmitLag.of(emitLagWindow));
        }
    }

    /**
     * Returns (a copy of) the emit-lag histogram since start or the previous reset, in µs, and starts a new
     * one; the counters of {@link Stats} other than {@link Stats#emitLag()} are not reset.
     */
    public Histogram resetEmitLag() {
        synchronized (emitLagWindow) {
            drainEmitLag();
            Histogram closed = emitLagWindow.copy();
            emitLagWindow.reset();
            return closed;
        }
    }

    private void drainEmitLag() {
        emitLagInterval = emitLag.getIntervalHistogram(emitLagInterval);
        emitLagWindow.add(emitLagInterval);
    }


    private void loop() {
        List<Sequence> dropped = new ArrayList<>();
        List<Sequence> emitting = new ArrayList<>();
        Map<Executor, List<TokenSink.Emission>> batches = new IdentityHashMap<>();
        long stepStart = 0;
        boolean continuing = false;
        while (open) {
            for (Sequence s; (s = incoming.poll()) != null; ) {
                planner.enqueue(s);
            }
            int waitingBefore = planner.waitingCount();
            StepPlanner.StepPlan plan = planner.plan(dropped);
            queued.addAndGet(planner.waitingCount() - waitingBefore);
            active = planner.runningCount();
            cancelAll(dropped);
            if (plan.isEmpty()) {
                continuing = false;
                if (incoming.isEmpty()) {
                    LockSupport.park(this);
                }
                continue;
            }
            long now = System.nanoTime();
            if (!continuing || now - stepStart > LAG_RESET_NANOS) {
                stepStart = now;
            }
            Speculation.Step spec = speculation == null ? null
                    : speculation.plan(plan.decoding(), planner.runningCount());
            long deadline = stepStart + (spec == null
                    ? profile.stepNanos(plan.decoding().size(), plan.prefillTokens())
                    : Math.round(profile.specStepMillis(plan.decoding().size(), plan.prefillTokens(),
                            spec.proposed(), spec.draftMs()) * 1_000_000.0));

            emitting.clear();
            long produced = 0;
            if (spec == null) {
                for (Sequence s : plan.decoding()) {
                    produce(s);
                    emitting.add(s);
                }
                produced += plan.decoding().size();
            } else {
                for (Sequence s : plan.decoding()) {
                    produced -= s.generated();
                }
                long[] counts = speculation.run(spec, plan.decoding());
                specDrafted.addAndGet(counts[0]);
                specAccepted.addAndGet(counts[1]);
                for (Sequence s : plan.decoding()) {
                    produced += s.generated();
                    if (cache != null && s.kv() != null) {
                        cache.onTokens(s.kv(), s.promptTokens() + s.generated());
                    }
                    emitting.add(s);
                }
            }
            for (int i = 0; i < plan.prefilling().size(); i++) {
                Sequence s = plan.prefilling().get(i);
                s.prefill(plan.prefillChunks().get(i));
                if (cache != null && s.kv() != null) {
                    cache.onPrefilled(s.kv(), s.prefilled());
                }
                if (s.prefillDone()) {
                    produce(s);
                    emitting.add(s);
                    produced++;
                }
            }
            totalPrefillTokens.addAndGet(plan.prefillTokens());
            tokensGenerated.addAndGet(produced);
            prepareEmissions(emitting, batches);

            StepTimer.waitUntil(deadline);
            sendEmissions(batches);
            long lag = System.nanoTime() - deadline; // how long after the step's end its last token went out
            if (lag > maxEmitLagNanos) {
                maxEmitLagNanos = lag;
            }
            if (lag > 1_000_000L) {
                stepsLateOver1ms.incrementAndGet();
            }
            emitLag.recordValue(Math.max(0, lag / 1000));
            steps.incrementAndGet();
            lastStepEndNanos = System.nanoTime();
            stepStart = deadline;
            continuing = true;
        }
    }

    /** Builds every emission of the step (while its time runs), grouped by the executor that sends it. */
    private void prepareEmissions(List<Sequence> emitting, Map<Executor, List<TokenSink.Emission>> batches) {
        for (Sequence s : emitting) {
            if (s.isCancelled()) {
                continue; // dropped at the next plan
            }
            try {
                TokenSink.Emission e = s.prepareStep();
                if (s.finished()) {
                    requestsCompleted.incrementAndGet();
                    release(s);
                    leak.onCompleted();
                }
                if (e != null) {
                    batches.computeIfAbsent(e.executor(), k -> new ArrayList<>()).add(e);
                }
            } catch (RuntimeException e) {
                s.cancel(); // a broken sink must not stop the loop for everybody else
                release(s);
            }
        }
    }

    /** One task per executor (e.g. per event loop) instead of one cross-thread hand-off per token. */
    private static void sendEmissions(Map<Executor, List<TokenSink.Emission>> batches) {
        for (Map.Entry<Executor, List<TokenSink.Emission>> batch : batches.entrySet()) {
            List<TokenSink.Emission> list = batch.getValue();
            Runnable sendAll = () -> {
                for (TokenSink.Emission e : list) {
                    try {
                        e.send();
                    } catch (RuntimeException ignored) {
                        // one client's failure stays with that client
                    }
                }
            };
            if (batch.getKey() == null) {
                sendAll.run();
            } else {
                try {
                    batch.getKey().execute(sendAll);
                } catch (RuntimeException rejected) {
                    // executor shutting down: the server is closing
                }
            }
        }
        batches.clear();
    }

    private void cancelAll(List<Sequence> sequences) {
        for (Sequence s : sequences) {
            requestsCancelled.incrementAndGet();
            release(s);
            try {
                s.sink().onCancelled();
            } catch (RuntimeException ignored) {
                // the client is gone anyway
            }
        }
        sequences.clear();
    }

    /** Stops the loop and cancels every sequence still queued or running. Idempotent. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Sequence> rest = new ArrayList<>(planner.drainAll());
        for (Sequence s; (s = incoming.poll()) != null; ) {
            rest.add(s);
        }
        cancelAll(rest);
        active = 0;
        queued.set(0);
    }

    /**
     * Counters since start; gauges (active, queued) as of the last step. Emit lag = time from a step's
     * scheduled end until its last token was handed to the network layer; a step counts as late when
     * that exceeds 1 ms.
     */
    public record Stats(int activeSequences, int queuedRequests, long requestsCompleted, long requestsCancelled,
                        long tokensGenerated, long totalPrefillTokens, long totalRequests, long steps,
                        long stepsLateOver1ms, long maxEmitLagMicros, EmitLag emitLag) {
    }

    /**
     * Distribution of the per-step emit lag in µs (HdrHistogram, 3 significant digits) over a window: since
     * start or since the last {@link #resetEmitLag()}. All zero when no step ran.
     */
    public record EmitLag(long steps, long p50Micros, long p99Micros, long p999Micros, long maxMicros) {
        /** The figures of an emit-lag histogram in µs. */
        public static EmitLag of(Histogram h) {
            long n = h.getTotalCount();
            return n == 0 ? new EmitLag(0, 0, 0, 0, 0)
                    : new EmitLag(n, h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                            h.getValueAtPercentile(99.9), h.getMaxValue());
        }
    }
}

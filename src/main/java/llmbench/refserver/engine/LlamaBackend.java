package llmbench.refserver.engine;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import llmbench.llama.EngineSettings;
import llmbench.llama.GenerationRequest;
import llmbench.llama.GenerationResult;
import llmbench.llama.LlamaEngine;
import llmbench.refserver.scheduler.TokenSink;

/**
 * The reference server's llama.cpp engine: one {@link LlamaEngine} with {@code parallelSlots} slots, and a
 * fixed pool of as many daemon threads ({@code refserver-llama-*}), because {@link LlamaEngine#generate}
 * blocks its caller for the whole request — never a Netty event loop. Each released piece becomes one chunk
 * handed to the request's {@link TokenSink}; the emission is sent on the sink's executor (the connection's
 * event loop), in order. When generation ends, one more chunk with empty text carries the finish reason
 * (as llama.cpp's server does), together with the completion: the engine's token count and timings.
 *
 * <p>Admission: at most {@code parallelSlots + maxQueueSize} requests are accepted at once
 * ({@link #tryReserve()}); the others get 429 from the HTTP layer, since llama.cpp's own queue has no limit.
 */
public final class LlamaBackend implements AutoCloseable {

    private final LlamaEngine engine;
    private final ExecutorService slots;
    private final int capacity;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final java.util.Set<Ticket> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private LlamaBackend(LlamaEngine engine, int maxQueueSize) {
        this.engine = engine;
        int n = engine.settings().parallelSlots();
        this.slots = Executors.newFixedThreadPool(n, new DefaultThreadFactory("refserver-llama", true));
        this.capacity = n + maxQueueSize;
    }

    /**
     * Loads the model. A missing, unreadable or non-GGUF file: {@link IllegalArgumentException} with one line
     * naming the path, before any native code runs.
     */
    public static LlamaBackend load(Path modelFile, int contextSize, int parallelSlots, int threads, int maxQueueSize) {
        EngineSettings settings = new EngineSettings(modelFile, contextSize, parallelSlots, threads);
        return new LlamaBackend(LlamaEngine.load(settings), maxQueueSize);
    }

    public LlamaEngine engine() {
        return engine;
    }

    /** Prompt tokens of the request as the engine will see it (rendered, model tokenizer, BOS included). */
    public int promptTokens(GenerationRequest request) {
        return engine.countPromptTokens(engine.render(request));
    }

    /** Tokens of KV cache one request has: prompt plus generated tokens must fit. */
    public int contextPerSlot() {
        return engine.settings().contextPerSlot();
    }

    /** Takes a place for one request; false when {@code parallelSlots + maxQueueSize} are taken. */
    public boolean tryReserve() {
        while (true) {
            int n = admitted.get();
            if (n >= capacity) {
                return false;
            }
            if (admitted.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void unreserve() {
        admitted.decrementAndGet();
    }

    /** A request's cancel handle, created before its sink so that the sink can cancel it. */
    public static final class Ticket {
        private volatile boolean cancelled;

        public void cancel() {
            cancelled = true;
        }

        boolean isCancelled() {
            return cancelled;
        }
    }

    /** Thrown from the token listener to make the engine stop a cancelled generation. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /**
     * Runs a reserved request on a slot thread. {@code onEnd} runs once when it is over (finished, cancelled
     * or failed); a cancelled or failed request ends with {@link TokenSink#onCancelled()}.
     */
    public void submit(Ticket ticket, GenerationRequest request, TokenSink sink, Runnable onEnd) {
        live.add(ticket);
        try {
            slots.execute(() -> run(ticket, request, sink, onEnd));
        } catch (RejectedExecutionException closing) {
            live.remove(ticket);
            admitted.decrementAndGet();
            sink.onCancelled();
            onEnd.run();
        }
    }

    private void run(Ticket ticket, GenerationRequest request, TokenSink sink, Runnable onEnd) {
        running.incrementAndGet();
        try {
            if (ticket.isCancelled()) {
                throw new Cancelled();
            }
            GenerationResult r = engine.generate(request, piece -> {
                if (ticket.isCancelled()) {
                    throw new Cancelled();
                }
                emit(sink.prepare(List.of(new TokenSink.Chunk(piece, null)), null));
            });
            if (ticket.isCancelled()) {
                throw new Cancelled();
            }
            emit(sink.prepare(List.of(new TokenSink.Chunk("", r.finishReason())),
                    new TokenSink.Completion(r.finishReason(), r.completionTokens(), false, false, r.timings())));
            completed.incrementAndGet();
        } catch (RuntimeException e) {
            // cancelled (client gone, timeout, shutdown) or an engine failure: end the response without an answer
            cancelled.incrementAndGet();
            sink.onCancelled();
        } finally {
            running.decrementAndGet();
            admitted.decrementAndGet();
            live.remove(ticket);
            onEnd.run();
        }
    }

    private static void emit(TokenSink.Emission e) {
        if (e == null) {
            return;
        }
        if (e.executor() == null) {
            e.send();
        } else {
            e.executor().execute(e::send);
        }
    }

    /** For /health: slots, requests generating, admitted but waiting, and totals. */
    public record Stats(String modelFile, int parallelSlots, int contextPerSlot, int running, int waiting,
                        long completed, long cancelled) {
    }

    public Stats stats() {
        int r = running.get();
        return new Stats(engine.settings().modelFile().toString(), engine.settings().parallelSlots(), contextPerSlot(),
                r, Math.max(0, admitted.get() - r), completed.get(), cancelled.get());
    }

    /** Cancels running and waiting requests, waits up to 5 s for the slot threads, then frees the model. */
    @Override
    public void close() {
        live.forEach(Ticket::cancel);
        slots.shutdown();
        try {
            if (!slots.awaitTermination(5, TimeUnit.SECONDS)) {
                slots.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
    }
}

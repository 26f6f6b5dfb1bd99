package llmbench.refserver.engine;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import llmbench.llama.ChatMessage;
import llmbench.llama.EngineSettings;
import llmbench.llama.GenerationRequest;
import llmbench.llama.GenerationResult;
import llmbench.llama.LlamaEngine;
import llmbench.refserver.scheduler.TokenSink;
import llmbench.refserver.spec.SpecController;
import org.HdrHistogram.Histogram;

/**
 * The reference server's llama.cpp engine: one {@link LlamaEngine} with {@code parallelSlots} slots, and a
 * fixed pool of as many daemon threads ({@code refserver-llama-*}), because {@link LlamaEngine#generate}
 * blocks its caller for the whole request — never a Netty event loop. Each released piece becomes one chunk
 * handed to the request's {@link TokenSink}; the emission is sent on the sink's executor (the connection's
 * event loop), in order. When generation ends, one more chunk with empty text carries the finish reason
 * (as llama.cpp's server does), together with the completion: the engine's token count and timings.
 *
 * <p>Admission: at most {@code parallelSlots + maxQueueSize} requests are accepted at once; the others are
 * refused with {@link EngineRefusal.Reason#QUEUE_FULL}, since llama.cpp's own queue has no limit. Prompt
 * length is counted with the model's tokenizer, and prompt + max_tokens must fit one slot's context
 * (max_tokens is clamped to what is left of it).
 *
 * <p>The seed's /health figures (batch counters, KV cache, memory) and the emit-lag and spec-decode routes
 * are answered by {@code bookkeeping}, an idle {@link SimulatedEngine}: they keep their shape for both
 * engines, and {@link EngineStatus#details()} adds this engine's slots and request counts.
 */
public final class LlamaBackend implements Engine {

    private final LlamaEngine engine;
    private final Engine bookkeeping;
    private final ExecutorService slots;
    private final int capacity;
    private final int maxQueueSize;
    private final int maxPromptTokens;
    private final int maxGenerationTokens;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final java.util.Set<Ticket> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Serves requests with a loaded model (see {@link #loadModel}); closing this closes the model. */
    public LlamaBackend(LlamaEngine engine, int maxQueueSize, int maxPromptTokens, int maxGenerationTokens,
                        Engine bookkeeping) {
        this.engine = engine;
        this.bookkeeping = bookkeeping;
        int n = engine.settings().parallelSlots();
        this.slots = Executors.newFixedThreadPool(n, new DefaultThreadFactory("refserver-llama", true));
        this.capacity = n + maxQueueSize;
        this.maxQueueSize = maxQueueSize;
        this.maxPromptTokens = maxPromptTokens;
        this.maxGenerationTokens = maxGenerationTokens;
    }

    /**
     * Loads the model. A missing, unreadable or non-GGUF file: {@link IllegalArgumentException} with one line
     * naming the path, before any native code runs.
     */
    public static LlamaEngine loadModel(Path modelFile, int contextSize, int parallelSlots, int threads) {
        return LlamaEngine.load(new EngineSettings(modelFile, contextSize, parallelSlots, threads));
    }

    public LlamaEngine engine() {
        return engine;
    }

    @Override
    public Admission admit(EngineRequest r) {
        if (r.prompt().isEmpty()) {
            throw EngineRefusal.badRequest("Prompt must not be empty");
        }
        GenerationRequest g;
        try {
            g = r.chat() ? GenerationRequest.chat(r.messages().stream()
                            .map(m -> new ChatMessage(m.role(), m.content())).toList(), 1)
                    : GenerationRequest.text(r.prompt(), 1);
        } catch (IllegalArgumentException e) {
            throw EngineRefusal.badRequest(e.getMessage());
        }
        int promptTokens = promptTokens(g);
        int maxPrompt = maxPromptTokens();
        if (promptTokens > maxPrompt) {
            throw EngineRefusal.badRequest("Prompt too long: " + promptTokens + " tokens exceeds maximum of "
                    + maxPrompt);
        }
        if (r.maxTokens() <= 0) {
            throw EngineRefusal.badRequest("max_tokens must be at least 1");
        }
        int maxTokens = (int) Math.min(Math.min(r.maxTokens(), maxGenerationTokens), contextPerSlot() - promptTokens);
        // llama.cpp has ignore_eos but no min_tokens: EOS is ignored when min_tokens reaches max_tokens
        GenerationRequest request = new GenerationRequest(g.prompt(), g.messages(), maxTokens, r.temperature(),
                r.stop().stream().filter(x -> !x.isEmpty()).toList(), r.minTokens() >= maxTokens);
        if (!tryReserve()) {
            throw EngineRefusal.queueFull(maxQueueSize);
        }
        Ticket ticket = new Ticket();
        return new Admission() {
            @Override
            public int promptTokens() {
                return promptTokens;
            }

            @Override
            public void start(TokenSink sink, Runnable onEnd) {
                submit(ticket, request, sink, onEnd == null ? () -> { } : onEnd);
            }

            @Override
            public void cancel() {
                ticket.cancel();
            }

            @Override
            public void abandon() {
                unreserve();
            }
        };
    }

    @Override
    public int[] tokenize(String text) {
        return engine.encode(text);
    }

    /** The configured limit, or one slot's context less the one token that must be generated. */
    @Override
    public int maxPromptTokens() {
        return Math.min(maxPromptTokens, contextPerSlot() - 1);
    }

    /** Prompt tokens of the request as the engine will see it (rendered, model tokenizer, BOS included). */
    int promptTokens(GenerationRequest request) {
        return engine.countPromptTokens(engine.render(request));
    }

    /** Tokens of KV cache one request has: prompt plus generated tokens must fit. */
    int contextPerSlot() {
        return engine.settings().contextPerSlot();
    }

    /** Takes a place for one request; false when {@code parallelSlots + maxQueueSize} are taken. */
    private boolean tryReserve() {
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

    private void unreserve() {
        admitted.decrementAndGet();
    }

    /** A request's cancel handle, created before its sink so that the sink can cancel it. */
    private static final class Ticket {
        private volatile boolean cancelled;

        void cancel() {
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
    private void submit(Ticket ticket, GenerationRequest request, TokenSink sink, Runnable onEnd) {
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

    /** The idle bookkeeping's figures, and this engine's slots, requests generating and waiting, and totals. */
    @Override
    public EngineStatus status() {
        int r = running.get();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", "llama");
        d.put("model_file", engine.settings().modelFile().toString());
        d.put("parallel_slots", engine.settings().parallelSlots());
        d.put("context_per_slot", contextPerSlot());
        d.put("running_requests", r);
        d.put("waiting_requests", Math.max(0, admitted.get() - r));
        d.put("requests_completed", completed.get());
        d.put("requests_cancelled", cancelled.get());
        return bookkeeping.status().withDetails(d);
    }

    @Override
    public SpecController.Metrics specDecode() {
        return bookkeeping.specDecode();
    }

    @Override
    public Histogram resetEmitLag() {
        return bookkeeping.resetEmitLag();
    }

    /**
     * Closes the bookkeeping, cancels running and waiting requests, waits up to 5 s for the slot threads,
     * then frees the model.
     */
    @Override
    public void close() {
        bookkeeping.close();
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

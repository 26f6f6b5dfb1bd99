package llmbench.llama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A real inference engine: llama.cpp through its Java bindings, with the native server's slots and continuous
 * batching. Each {@link #generate} call blocks its calling thread and occupies one slot; calls from up to
 * {@code parallelSlots} threads are decoded together in the same batches, more wait in llama.cpp's queue.
 *
 * <pre>
 * try (LlamaEngine engine = LlamaEngine.load(EngineSettings.defaults().withParallelSlots(4))) {
 *     GenerationResult r = engine.generate(GenerationRequest.text("Once upon a time", 64), piece -> print(piece));
 * }
 * </pre>
 */
public final class LlamaEngine implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMINGS_WAIT_MILLIS = 2000;
    private static final Field TASK_ID = taskIdField();

    private final EngineSettings settings;
    private final GgufHeader header;
    private final LlamaModel model;
    private final Path logFile;
    private final TimingsLog timingsLog;
    private final Set<Thread> threadsBeforeLoad;
    private Set<Thread> nativeThreads = Set.of();
    // Generations hold the read lock, close() the write lock: the model is never freed under a running request.
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private LlamaEngine(EngineSettings settings, GgufHeader header, LlamaModel model, Path logFile,
                        Set<Thread> threadsBeforeLoad) {
        this.settings = settings;
        this.header = header;
        this.model = model;
        this.logFile = logFile;
        this.timingsLog = new TimingsLog(logFile);
        this.threadsBeforeLoad = threadsBeforeLoad;
    }

    /**
     * Loads the model. The file is checked in Java first: a missing, unreadable or non-GGUF file throws one
     * {@link IllegalArgumentException} naming the path, before any native code runs.
     */
    public static LlamaEngine load(EngineSettings settings) {
        Path model = settings.modelFile().toAbsolutePath().normalize();
        GgufHeader header = GgufHeader.read(model);
        Path log;
        try {
            log = Files.createTempFile("llmbench-llama-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the llama.cpp log file: " + e.getMessage(), e);
        }
        ModelParameters params = new ModelParameters()
                .setModel(model.toString())
                .setCtxSize(settings.contextSize())
                .setParallel(settings.parallelSlots())
                .enableContBatching()
                .setThreads(settings.threads())
                .setThreadsBatch(settings.threads())
                .setLogFile(log.toString());
        Set<Thread> before = NativeThreadExitGuard.nonDaemonThreads();
        LlamaModel loaded;
        try {
            loaded = new LlamaModel(params);
        } catch (RuntimeException e) { // the bindings' LlamaException is package-private
            deleteQuietly(log);
            throw new IllegalStateException("llama.cpp could not load " + model + ": " + e.getMessage(), e);
        }
        NativeThreadExitGuard.engineOpened();
        return new LlamaEngine(settings, header, loaded, log, before);
    }

    public EngineSettings settings() {
        return settings;
    }

    /** True when the GGUF file carries its own chat template ({@code tokenizer.chat_template}). */
    public boolean hasChatTemplate() {
        return header.chatTemplate().isPresent();
    }

    /**
     * The text the model sees: a plain prompt as is; chat messages through the model's own template when it
     * has one, else the seed server's fallback, one {@code "<role>: <content>"} line per message, then
     * {@code "assistant:"}.
     */
    public String render(GenerationRequest request) {
        if (!request.isChat()) {
            return request.prompt();
        }
        if (header.chatTemplate().isEmpty()) {
            StringBuilder out = new StringBuilder();
            for (ChatMessage m : request.messages()) {
                out.append(m.role()).append(": ").append(m.content()).append('\n');
            }
            return out.append("assistant:").toString();
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        return withOpen(() -> model.applyTemplate(body.toString()));
    }

    /** The model tokenizer's ids of {@code text}: no BOS, special tokens not parsed. */
    public int[] encode(String text) {
        return withOpen(() -> model.encode(text));
    }

    /** Tokens of {@code text} as the engine will see it as a prompt (the model's BOS token included). */
    public int countPromptTokens(String text) {
        return withOpen(() -> model.encode(text).length + (header.addBos() ? 1 : 0));
    }

    /**
     * Generates on the calling thread, streaming pieces to {@code listener}; returns after
     * {@link TokenListener#onComplete}. An exception thrown by the listener cancels the generation and is
     * rethrown.
     */
    public GenerationResult generate(GenerationRequest request, TokenListener listener) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            String prompt = render(request);
            int promptTokens = countPromptTokens(prompt);
            InferenceParameters params = new InferenceParameters(prompt)
                    .setNPredict(request.maxTokens())
                    .setTemperature((float) request.temperature())
                    .setCachePrompt(true)
                    .setIgnoreEos(request.ignoreEos());
            if (!request.stop().isEmpty()) {
                params.setStopStrings(request.stop().toArray(String[]::new));
            }
            long start = System.nanoTime();
            LlamaIterator outputs = model.generate(params).iterator();
            StringBuilder text = new StringBuilder();
            int outputsWithToken = 0;
            try {
                while (outputs.hasNext()) {
                    LlamaOutput out = outputs.next();
                    boolean last = !outputs.hasNext();
                    if (!last) {
                        outputsWithToken++;
                    }
                    if (!out.text.isEmpty()) {
                        text.append(out.text);
                        listener.onToken(out.text);
                    }
                }
            } catch (RuntimeException | Error e) {
                if (outputs.hasNext()) {
                    outputs.cancel();
                }
                throw e;
            }
            long wall = System.nanoTime() - start;
            Integer taskId = taskIdOf(outputs);
            EngineTimings timings = taskId == null ? null : timingsLog.await(taskId, TIMINGS_WAIT_MILLIS);
            int completionTokens = timings != null ? timings.predictedTokens() : outputsWithToken;
            String finish = completionTokens >= request.maxTokens() ? "length" : "stop";
            GenerationResult result = new GenerationResult(text.toString(), finish, promptTokens, completionTokens,
                    timings, wall);
            listener.onComplete(result);
            return result;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Waits for running generations, frees the model, and arms {@link NativeThreadExitGuard}. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            nativeThreads = NativeThreadExitGuard.collectAttachedSince(threadsBeforeLoad);
            model.close();
            deleteQuietly(logFile);
            NativeThreadExitGuard.engineClosed();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** The JVM threads the bindings attached for this engine (and leave attached after close); set by close. */
    Set<Thread> nativeThreads() {
        return nativeThreads;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("llama engine is closed");
        }
    }

    private <T> T withOpen(java.util.function.Supplier<T> call) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return call.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private static Integer taskIdOf(LlamaIterator iterator) {
        try {
            return TASK_ID == null ? null : TASK_ID.getInt(iterator);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    // The bindings keep the native task id private; it is the key of the timings in the server log.
    private static Field taskIdField() {
        try {
            Field f = LlamaIterator.class.getDeclaredField("taskId");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp log file is harmless
        }
    }
}

package llmbench.refserver.engine;

/** Why an engine did not accept a request; the HTTP layer turns each reason into the seed's error. */
public final class EngineRefusal extends RuntimeException {
    public enum Reason {
        /** The request does not fit this engine (empty or too long prompt, max_tokens &lt; 1): 400. */
        BAD_REQUEST,
        /** KV cache utilization at or above the memory-pressure threshold: 503. */
        MEMORY_PRESSURE,
        /** The waiting queue is full: 429. */
        QUEUE_FULL,
        /** The engine is closing: 503. */
        SHUTTING_DOWN
    }

    private final Reason reason;
    private final int maxQueueSize;

    private EngineRefusal(Reason reason, String message, int maxQueueSize) {
        super(message, null, false, false);
        this.reason = reason;
        this.maxQueueSize = maxQueueSize;
    }

    public static EngineRefusal badRequest(String message) {
        return new EngineRefusal(Reason.BAD_REQUEST, message, 0);
    }

    public static EngineRefusal memoryPressure() {
        return new EngineRefusal(Reason.MEMORY_PRESSURE, "memory pressure", 0);
    }

    public static EngineRefusal queueFull(int maxQueueSize) {
        return new EngineRefusal(Reason.QUEUE_FULL, "queue full", maxQueueSize);
    }

    public static EngineRefusal shuttingDown() {
        return new EngineRefusal(Reason.SHUTTING_DOWN, "Server is shutting down", 0);
    }

    public Reason reason() {
        return reason;
    }

    /** The queue's size, for {@link Reason#QUEUE_FULL}. */
    public int maxQueueSize() {
        return maxQueueSize;
    }
}

package llmbench.llama;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Lets the JVM end although the bindings leave a non-daemon thread behind.
 *
 * <p>What the bindings do (de.kherud:llama 4.2.0, upstream issue "java-llama creates a non-daemon thread that
 * inhibits JVM termination"): loading a model starts a native {@code std::thread} for the server loop and
 * attaches it to the JVM with {@code AttachCurrentThread} (not {@code ...AsDaemon}); it appears as a
 * non-daemon {@code Thread-N} in group {@code main}. {@code close()} ends the loop but the thread never calls
 * {@code DetachCurrentThread}, so the JVM keeps counting it as a live non-daemon thread, and when {@code main}
 * returns, {@code DestroyJavaVM} waits for it forever. Java cannot detach another thread, nor mark a running
 * thread as daemon.
 *
 * <p>What this guard does: it remembers the threads the bindings attached while a model was open. Once every engine is
 * closed, a daemon watcher checks every 100 ms whether the JVM is already shutting down in the ordinary way
 * ({@code main} has returned, so a {@code DestroyJavaVM} thread exists) and the only other non-daemon threads
 * are those leaked ones. Then it calls {@link System#exit(int)} with status 0 — the exit that the JVM would have
 * performed itself (shutdown hooks run). Caveat: if {@code main} ended with an uncaught exception the launcher
 * would have exited with 1; this guard exits with 0. Disable with {@code -Dllama.exitGuard=false}.
 */
final class NativeThreadExitGuard {

    static final String DISABLE_PROPERTY = "llama.exitGuard";

    private static final Set<Thread> LEAKED = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger OPEN_ENGINES = new AtomicInteger();
    private static volatile Thread watcher;

    private NativeThreadExitGuard() {
    }

    static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t.isAlive())
                .collect(Collectors.toSet());
    }

    /** Called after a model loaded. */
    static void engineOpened() {
        OPEN_ENGINES.incrementAndGet();
    }

    /**
     * Called before a model is freed, with the non-daemon threads that existed before it was loaded; returns
     * the threads the bindings attached meanwhile. They are recognised by having no Java frame at all: a thread
     * started from Java always runs at least {@code Thread.run}, a native thread attached to the JVM runs none.
     * (The attachment is asynchronous, which is why this is not decided right after loading.)
     */
    static Set<Thread> collectAttachedSince(Set<Thread> before) {
        Map<Thread, StackTraceElement[]> now = Thread.getAllStackTraces();
        Set<Thread> attached = now.entrySet().stream()
                .filter(e -> !e.getKey().isDaemon() && !before.contains(e.getKey()) && e.getValue().length == 0)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        LEAKED.addAll(attached);
        return attached;
    }

    static void engineClosed() {
        if (OPEN_ENGINES.decrementAndGet() == 0 && !"false".equals(System.getProperty(DISABLE_PROPERTY))) {
            startWatcher();
        }
    }

    private static synchronized void startWatcher() {
        if (watcher != null || LEAKED.isEmpty()) {
            return;
        }
        Thread t = new Thread(NativeThreadExitGuard::watch, "llama-exit-guard");
        t.setDaemon(true);
        watcher = t;
        t.start();
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            if (OPEN_ENGINES.get() == 0 && onlyLeakedThreadsKeepJvmAlive(Thread.getAllStackTraces())) {
                System.exit(0);
            }
        }
    }

    private static boolean onlyLeakedThreadsKeepJvmAlive(Map<Thread, StackTraceElement[]> threads) {
        boolean mainReturned = false;
        for (Thread t : threads.keySet()) {
            if (t.isDaemon() || !t.isAlive() || LEAKED.contains(t)) {
                continue;
            }
            if (t.getName().equals("DestroyJavaVM")) {
                mainReturned = true;
            } else {
                return false;
            }
        }
        return mainReturned;
    }
}

package llmbench.load;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import llmbench.clock.EpochClock;
import org.slf4j.LoggerFactory;

/**
 * Why a streamed request's connect failed. Gatling gives a simulation no HTTP status for a failed SSE
 * connect: the connect is KO with {@code SseInvalidStatusException} ("Server returned http response with
 * code 429"), and the only place that text surfaces is Gatling's own debug line
 * {@code Connect failed: <reason>, going to Crashed state and performing next action}, logged by
 * {@code SseConnectingState} on the virtual user's event loop just before that user's next action — our
 * capture — runs on the same thread. This appender keeps the latest reason per thread (with its stamp);
 * the capture takes it if it is newer than the request's own send stamp. Only that one logger is switched to
 * debug, and it no longer writes to the console.
 */
public final class ConnectFailures extends AppenderBase<ILoggingEvent> {
    static final String GATLING_LOGGER = "io.gatling.http.action.sse.fsm.SseConnectingState";
    private static final String PREFIX = "Connect failed: ";
    private static final Map<Thread, Reason> LATEST = new ConcurrentHashMap<>();
    private static volatile boolean installed;

    private record Reason(long epochUs, String text) {
    }

    private ConnectFailures() {
    }

    /** Installs the appender once per JVM; without logback (another SLF4J binding) it does nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        if (!(LoggerFactory.getLogger(GATLING_LOGGER) instanceof Logger logger)) {
            return;
        }
        ConnectFailures appender = new ConnectFailures();
        appender.setContext(logger.getLoggerContext());
        appender.setName("llmbench-connect-failures");
        appender.start();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        logger.addAppender(appender);
    }

    /** The reason logged on this thread since {@code sinceUs}, removed once taken; null if none. */
    public static String takeForCurrentThread(long sinceUs) {
        Reason r = LATEST.remove(Thread.currentThread());
        return r != null && r.epochUs() >= sinceUs ? r.text() : null;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String msg = event.getFormattedMessage();
        if (msg == null || !msg.startsWith(PREFIX)) {
            return;
        }
        String reason = msg.substring(PREFIX.length());
        int cut = reason.indexOf(", going to Crashed state");
        LATEST.put(Thread.currentThread(), new Reason(EpochClock.nowMicros(), cut >= 0 ? reason.substring(0, cut) : reason));
    }
}

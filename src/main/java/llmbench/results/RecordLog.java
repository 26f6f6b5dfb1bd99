package llmbench.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import llmbench.timing.CapturedStream;
import llmbench.timing.RequestRecord;
import llmbench.timing.StreamRecordExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives captured streams from Gatling's event loops without blocking them ({@link #accept} only enqueues),
 * and on its own thread extracts each {@link RequestRecord}, appends it as one JSON line (flushed, so a crash
 * loses at most the line being written) and keeps it for the run's converter.
 */
public final class RecordLog implements Consumer<CapturedStream>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordLog.class);
    private static final CapturedStream POISON = new CapturedStream(null, 0, null, null, null, List.of(), 0, null);

    private final LinkedBlockingQueue<CapturedStream> queue = new LinkedBlockingQueue<>();
    private final List<RequestRecord> records = new ArrayList<>();
    private final StreamRecordExtractor extractor = new StreamRecordExtractor();
    private final BufferedWriter out;
    private final String label;
    private final Runnable onRecord;
    private final Thread worker;
    private volatile boolean closed;

    /** @param onRecord called on the log's thread after each record is stored (e.g. to refresh a partial file) */
    public RecordLog(Path jsonLines, String label, Runnable onRecord) throws IOException {
        this.out = Files.newBufferedWriter(jsonLines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        this.label = label;
        this.onRecord = onRecord;
        this.worker = new Thread(this::drain, "record-log");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public void accept(CapturedStream stream) {
        if (!closed) {
            queue.offer(stream);
        }
    }

    /** A copy of the records stored so far, in arrival order. */
    public synchronized List<RequestRecord> records() {
        return List.copyOf(records);
    }

    /** Waits until every stream accepted so far is stored, then stops the thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.offer(POISON);
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.error("closing the request log failed: {}", e.toString());
        }
    }

    private void drain() {
        while (true) {
            CapturedStream s;
            try {
                s = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (s == POISON) {
                return;
            }
            try {
                RequestRecord r = extractor.extract(s);
                synchronized (this) {
                    records.add(r);
                }
                out.write(RecordJson.toJson(r, label).toString());
                out.newLine();
                out.flush();
                onRecord.run();
            } catch (IOException | RuntimeException e) {
                // A record that cannot be written is reported, never silently dropped; the run goes on.
                LOG.error("request record could not be stored: {}", e.toString());
            }
        }
    }
}

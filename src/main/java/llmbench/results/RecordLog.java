package llmbench.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import llmbench.timing.CapturedStream;
import llmbench.timing.RecordSink;
import llmbench.timing.RequestRecord;
import llmbench.timing.StreamRecordExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives captured streams from Gatling's event loops without blocking them ({@link #accept} only enqueues),
 * and on its own thread extracts each {@link RequestRecord}, appends it as one JSON line (flushed, so a crash
 * loses at most the line being written) and keeps it for the run's converter.
 *
 * <p>Every request is accounted for: {@link #sent} counts requests handed to the HTTP client independently of
 * the records, and a request that never becomes a record is kept as a {@link Lost} entry with its reason.
 * {@link #close} waits (bounded) until every stream handed over so far is stored; {@link #tally} then says
 * sent, stored and lost.
 */
public final class RecordLog implements RecordSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordLog.class);
    private static final CapturedStream POISON = new CapturedStream(null, 0, null, null, null, List.of(), 0, null);

    /** A request that is in no record, and why. {@code labels} is null when its capture never arrived. */
    public record Lost(llmbench.timing.RequestLabels labels, String reason) {
    }

    /**
     * The run's request accounting. While the run goes on, {@code sent − stored − lost} are in flight; once the
     * log is closed they are lost too ({@link #lostTotal}).
     *
     * @param unwritten records kept for the result whose line could not be appended to the requests file
     */
    public record Tally(long sent, int stored, List<Lost> lost, int unwritten, boolean closed) {
        /** Requests sent whose capture was not (yet) handed over or stored. */
        public long pending() {
            return Math.max(0, sent - stored - lost.size());
        }

        /** After close, every pending request is lost; before, only those already known lost. */
        public long lostTotal() {
            return lost.size() + (closed ? pending() : 0);
        }

        /** Lost requests per reason, the pending ones of a closed log under {@link #NEVER_HANDED_OVER}. */
        public Map<String, Long> lostByReason() {
            Map<String, Long> out = new LinkedHashMap<>();
            for (Lost l : lost) {
                out.merge(l.reason(), 1L, Long::sum);
            }
            if (closed && pending() > 0) {
                out.merge(NEVER_HANDED_OVER, pending(), Long::sum);
            }
            return out;
        }
    }

    public static final String NEVER_HANDED_OVER =
            "sent, but its stream was never handed back by the load generator (the virtual user ended first)";

    private final LinkedBlockingQueue<CapturedStream> queue = new LinkedBlockingQueue<>();
    private final List<RequestRecord> records = new ArrayList<>();
    private final List<Lost> lost = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final StreamRecordExtractor extractor = new StreamRecordExtractor();
    private final BufferedWriter out;
    private final String label;
    private final Runnable onRecord;
    private final Thread worker;
    private int unwritten;
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
    public void sent() {
        sent.incrementAndGet();
    }

    @Override
    public void accept(CapturedStream stream) {
        if (closed) {
            // The result has been written: this request is in it as lost, under this reason.
            synchronized (this) {
                lost.add(new Lost(stream.labels(), "handed over after the result was written"));
            }
            LOG.error("request {} finished after the result was written; it is counted as lost", stream.labels());
            return;
        }
        queue.offer(stream);
    }

    /** A copy of the records stored so far, in arrival order. */
    public synchronized List<RequestRecord> records() {
        return List.copyOf(records);
    }

    public synchronized Tally tally() {
        return new Tally(sent.get(), records.size(), List.copyOf(lost), unwritten, closed);
    }

    /**
     * Waits until every stream handed over so far is stored, at most {@code bound}; streams still queued then
     * are counted as lost with that reason. Must not be called while holding a lock that {@code onRecord} takes.
     */
    public void close(Duration bound) {
        if (closed) {
            return;
        }
        queue.offer(POISON);
        try {
            worker.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closed = true;
            if (worker.isAlive()) {
                worker.interrupt();
                List<CapturedStream> left = new ArrayList<>();
                queue.drainTo(left);
                for (CapturedStream s : left) {
                    if (s != POISON) {
                        lost.add(new Lost(s.labels(), "not stored within " + bound.toMillis() + " ms of the run's end"));
                    }
                }
                LOG.error("request log: {} records not stored within {}", left.size(), bound);
                return;   // the worker may still be writing: it closes the file itself
            }
        }
        closeFile();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(60));
    }

    private void closeFile() {
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
                closeFile();
                return;
            }
            if (s == POISON) {
                return;
            }
            RequestRecord r;
            try {
                r = extractor.extract(s);
            } catch (RuntimeException e) {
                synchronized (this) {
                    lost.add(new Lost(s.labels(), "record could not be extracted: " + e));
                }
                LOG.error("request {}: record could not be extracted: {}", s.labels(), e.toString());
                continue;
            }
            synchronized (this) {
                records.add(r);
            }
            try {
                out.write(RecordJson.toJson(r, label).toString());
                out.newLine();
                out.flush();
            } catch (IOException | RuntimeException e) {
                // The record is in the result; only its line in the requests file is missing, and the run says so.
                synchronized (this) {
                    unwritten++;
                }
                LOG.error("request record could not be appended to the requests file: {}", e.toString());
            }
            onRecord.run();
        }
    }
}

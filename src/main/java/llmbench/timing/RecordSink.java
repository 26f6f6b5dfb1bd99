package llmbench.timing;

import java.util.function.Consumer;

/**
 * Where the load generator hands its requests over. {@link #sent} is called when a request is handed to
 * Gatling's HTTP client, {@link #accept} when its capture is complete: the two are counted apart, so a request
 * whose capture never arrives is still known to have been sent. Both are called on Gatling's event loops and
 * must not block.
 */
public interface RecordSink extends Consumer<CapturedStream> {
    void sent();
}

package llmbench.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmbench.metrics.LatencyDistribution;
import llmbench.metrics.Percentiles;

/**
 * One harness run's client stamps compared with the server's ground truth, request by request (matched on the
 * response id). All stamps are epoch microseconds; the client's are converted from its own clock with its own
 * anchor, so an anchor error shows up in every figure except the token rate. With, per request,
 * {@code send} (client handed the request over), {@code ft} / {@code lt} (client first / last non-empty
 * content), {@code recv} (server had read the whole request), {@code sfw} (server's write of the first
 * content chunk completed), {@code slw} (server's write of the final chunk completed), {@code n} (server's
 * completion tokens):
 * <ul>
 *   <li>dispatch = recv − send: connection set-up and request transfer; it is part of the TTFT any client
 *       experiences, and none of the server's;</li>
 *   <li>TTFT error = client TTFT − true TTFT, both from the client's own send instant: (ft − send) −
 *       (sfw − send) = ft − sfw, signed (negative: the client stamp precedes the server's write, i.e. the
 *       clock anchors disagree);</li>
 *   <li>first-token stamp error = |ft − sfw| (the same difference, unsigned: its spread, not its bias);</li>
 *   <li>last-token stamp error = |lt − slw|;</li>
 *   <li>token-rate error = |client rate / server rate − 1|, rate = (n − 1) / (last − first) over the client's
 *       (lt − ft) and the server's (slw − sfw) interval; only for n ≥ 2 and positive intervals;</li>
 *   <li>server TTFT = sfw − recv (context: it grows when the server queues).</li>
 * </ul>
 * Warm-up and failed requests are left out; a request without a server record is counted as unmatched.
 */
public final class StampErrors {
    private final LatencyDistribution dispatch = new LatencyDistribution();
    private final LatencyDistribution firstToken = new LatencyDistribution();
    private final LatencyDistribution lastToken = new LatencyDistribution();
    private final LatencyDistribution serverTtft = new LatencyDistribution();
    private final LatencyDistribution firstTokenInBurst = new LatencyDistribution();
    private final LatencyDistribution firstTokenAfterBurst = new LatencyDistribution();
    private final List<Double> burstsMs = new ArrayList<>();
    private final List<Double> ttftErrorMs = new ArrayList<>();
    private final List<Double> rateErrorPct = new ArrayList<>();
    private int matched;
    private int unmatched;
    private int failed;
    private int negativeDispatch;

    /**
     * Adds one run's records (a stamp file's lines) against the server's records of the same window, keyed by
     * response id. The run's burst ends at the server's receipt of its last measured (not warm-up) request: first
     * tokens written up to then were written while the client was still sending its batch, and are also kept apart
     * ("in burst"), as the start-up burst is where the stamps go wrong. Runs added one after another pool their
     * requests; {@code burst_ms} is then the median of the runs' bursts.
     */
    public StampErrors addRun(List<JsonNode> records, Map<String, JsonNode> truth) {
        long burstEnd = Long.MIN_VALUE;
        for (JsonNode r : records) {
            JsonNode t = truth.get(r.path("response_id").asText());
            if (t != null && !r.path("warmup").asBoolean(false)) {
                burstEnd = Math.max(burstEnd, t.path("received_epoch_us").asLong());
            }
        }
        long firstSend = Long.MAX_VALUE;
        for (JsonNode r : records) {
            if (add(r, truth.get(r.path("response_id").asText()), burstEnd)) {
                firstSend = Math.min(firstSend, r.path("send_epoch_us").asLong());
            }
        }
        if (firstSend != Long.MAX_VALUE) {
            burstsMs.add((burstEnd - firstSend) / 1000.0);
        }
        return this;
    }

    /**
     * Adds one client record; {@code truth} is the server's record of the same response id, or null. Outside
     * {@link #addRun} every first token counts as written after the burst.
     * Returns false when the record was left out (warm-up, failed, unmatched or without a first token).
     */
    public boolean add(JsonNode client, JsonNode truth) {
        return add(client, truth, Long.MIN_VALUE);
    }

    /** {@link #add(JsonNode, JsonNode)} in a run whose burst ended at {@code burstEndUs}. */
    private boolean add(JsonNode client, JsonNode truth, long burstEndUs) {
        if (client.path("warmup").asBoolean(false)) {
            return false;
        }
        if (!client.path("error").isMissingNode() && !client.path("error").isNull()) {
            failed++;
            return false;
        }
        if (truth == null || !client.hasNonNull("first_token_epoch_us")
                || !truth.hasNonNull("first_content_written_epoch_us")) {
            unmatched++;
            return false;
        }
        matched++;
        long send = client.path("send_epoch_us").asLong();
        long ft = client.path("first_token_epoch_us").asLong();
        long recv = truth.path("received_epoch_us").asLong();
        long sfw = truth.path("first_content_written_epoch_us").asLong();
        long d = recv - send;
        if (d < 0) {
            negativeDispatch++;
        }
        dispatch.recordMicros(Math.max(0, d));
        long clientTtft = ft - send;
        long trueTtft = sfw - send;
        ttftErrorMs.add((clientTtft - trueTtft) / 1000.0);
        firstToken.recordMicros(Math.abs(ft - sfw));
        (sfw <= burstEndUs ? firstTokenInBurst : firstTokenAfterBurst).recordMicros(Math.abs(ft - sfw));
        serverTtft.recordMicros(sfw - recv);
        if (client.hasNonNull("last_content_epoch_us") && truth.hasNonNull("last_chunk_written_epoch_us")) {
            long lt = client.path("last_content_epoch_us").asLong();
            long slw = truth.path("last_chunk_written_epoch_us").asLong();
            lastToken.recordMicros(Math.abs(lt - slw));
            int n = truth.path("completion_tokens").asInt();
            if (n >= 2 && lt > ft && slw > sfw) {
                double clientRate = (n - 1) / ((lt - ft) / 1e6);
                double serverRate = (n - 1) / ((slw - sfw) / 1e6);
                rateErrorPct.add(Math.abs(clientRate / serverRate - 1) * 100);
            }
        }
        return true;
    }

    public int matched() {
        return matched;
    }

    /** p99 of |TTFT error| in ms (HdrHistogram); null when nothing matched. */
    public Double absTtftErrorP99Ms() {
        return firstToken.count() == 0 ? null : firstToken.percentileSeconds(99) * 1000;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matched", matched);
        m.put("unmatched", unmatched);
        m.put("failed", failed);
        m.put("negative_dispatch", negativeDispatch);
        m.put("dispatch_ms", quantilesMs(dispatch));
        m.put("ttft_error_ms", nearestRank(ttftErrorMs));
        m.put("first_token_stamp_error_ms", quantilesMs(firstToken));
        m.put("last_token_stamp_error_ms", quantilesMs(lastToken));
        m.put("token_rate_error_pct", nearestRank(rateErrorPct));
        m.put("server_ttft_ms", quantilesMs(serverTtft));
        m.put("first_tokens_in_burst", firstTokenInBurst.count());
        m.put("first_token_stamp_error_in_burst_ms", quantilesMs(firstTokenInBurst));
        m.put("first_token_stamp_error_after_burst_ms", quantilesMs(firstTokenAfterBurst));
        m.put("burst_ms", burstsMs.isEmpty() ? null
                : Percentiles.median(burstsMs.stream().mapToDouble(Double::doubleValue).toArray()));
        return m;
    }

    static Map<String, Double> quantilesMs(LatencyDistribution d) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (d.count() == 0) {
            return m;
        }
        Map<String, Double> s = d.summarySeconds();
        m.put("p50", s.get("p50") * 1000);
        m.put("p95", s.get("p95") * 1000);
        m.put("p99", s.get("p99") * 1000);
        m.put("max", s.get("max") * 1000);
        return m;
    }

    private static Map<String, Double> nearestRank(List<Double> values) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return m;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        m.put("p50", Percentiles.nearestRank(v, 0.50));
        m.put("p95", Percentiles.nearestRank(v, 0.95));
        m.put("p99", Percentiles.nearestRank(v, 0.99));
        m.put("max", Percentiles.nearestRank(v, 1.0));
        return m;
    }
}

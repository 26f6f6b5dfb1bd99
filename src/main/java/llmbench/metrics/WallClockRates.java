package llmbench.metrics;

import java.util.List;
import java.util.Objects;
import llmbench.timing.RequestRecord;

/**
 * What a group of requests sent together (a batch run, a concurrency level) achieved over its wall clock,
 * failed requests included in the clock, only successful ones in the token sums:
 * <pre>
 *   wall_clock_s      = last request handed over (closed) − first send      (the seed's wall_clock_s / batch_time_s)
 *   dispatch_spread_s = last send − first send
 *   throughput_tok_s  = (Σprompt + Σcompletion) / wall_clock_s             (seed rate: aggregate_throughput_tok_s)
 *   completion_tok_s  = Σcompletion / wall_clock_s                         (seed rate: bench_concurrent's aggregate_tok_s)
 *   prefill_tok_s     = Σprompt / (last first_token − first send)          (ours: aggregate_prefill_tok_s)
 *   decode_tok_s      = Σcompletion / (last end − first first_token)       (ours: aggregate_decode_tok_s)
 * </pre>
 * A prompt token count the server did not report counts 0 in the seed's sums (its rule); our prefill rate is null
 * when no successful request reported one, and ours are null without successful streams (see {@link Rates}).
 */
public record WallClockRates(
        long firstSendUs,
        double wallClockS,
        double dispatchSpreadS,
        long promptTokens,
        long completionTokens,
        int successful,
        int failed,
        double throughputTokS,
        double completionTokS,
        Double prefillTokS,
        Double decodeTokS) {

    public static WallClockRates of(List<RequestRecord> group) {
        long firstSend = group.stream().mapToLong(RequestRecord::sendUs).min().orElse(0);
        long lastSend = group.stream().mapToLong(RequestRecord::sendUs).max().orElse(0);
        long lastClosed = group.stream().mapToLong(RequestRecord::closedUs).max().orElse(firstSend);
        List<RequestRecord> ok = group.stream().filter(RequestRecord::succeeded).toList();
        boolean promptReported = ok.stream().anyMatch(r -> r.promptTokens() != null);
        long prompt = ok.stream().map(RequestRecord::promptTokens).filter(Objects::nonNull).mapToLong(Integer::longValue)
                .sum();
        long completion = ok.stream().map(RequestRecord::completionTokens).filter(Objects::nonNull)
                .mapToLong(Integer::longValue).sum();
        double wall = Rates.seconds(lastClosed - firstSend);
        List<RequestRecord> streams = ok.stream().filter(r -> r.firstTokenUs() != null && r.endUs() != null).toList();
        Double prefill = null;
        Double decode = null;
        if (!streams.isEmpty()) {
            long lastFirstToken = streams.stream().mapToLong(RequestRecord::firstTokenUs).max().orElseThrow();
            long firstFirstToken = streams.stream().mapToLong(RequestRecord::firstTokenUs).min().orElseThrow();
            long lastEnd = streams.stream().mapToLong(RequestRecord::endUs).max().orElseThrow();
            prefill = promptReported ? Rates.perSecond(prompt, lastFirstToken - firstSend) : null;
            decode = Rates.perSecond(completion, lastEnd - firstFirstToken);
        }
        return new WallClockRates(firstSend, wall, Rates.seconds(lastSend - firstSend), prompt, completion, ok.size(),
                group.size() - ok.size(), Rates.seed(prompt + completion, wall), Rates.seed(completion, wall), prefill,
                decode);
    }
}

package llmbench.metrics;

import llmbench.timing.RequestRecord;
import llmbench.timing.ServerTimings;

/**
 * Speculative decoding of one request from the server's own reply, for servers without
 * {@code /v1/spec_decode/metrics}: llama.cpp's {@code timings.draft_n} (drafted) and {@code draft_n_accepted}
 * (accepted). Acceptance rate = accepted / drafted, as {@link SpecDecodeDeltas} defines it; llama.cpp reports
 * no step or bonus counts, so tokens per step stays null. A request whose reply had no such counts gives
 * all-null deltas (not reported), never zeros.
 */
public final class DraftCountsFromTimings {

    private DraftCountsFromTimings() {
    }

    public static SpecDecodeDeltas of(RequestRecord r) {
        ServerTimings t = r.serverTimings();
        if (t == null || t.draftN() == null) {
            return new SpecDecodeDeltas(null, null, null, null);
        }
        return new SpecDecodeDeltas(t.draftN().doubleValue(),
                t.draftAccepted() == null ? null : t.draftAccepted().doubleValue(), null, null);
    }
}

package llmbench.metrics;

import llmbench.timing.RequestLabels;
import llmbench.timing.RequestRecord;

/** Hand-made records of one rate ("rate 1/s"): times in µs from 0, first token then tokens to the end. */
final class RateFixtures {
    private RateFixtures() {
    }

    /**
     * A successful request: intended send {@code intended} (null: none), actual send {@code send}, first token
     * {@code ttft} µs after the send, end {@code e2e} µs after the send, {@code tokens} completion tokens, 10 prompt.
     */
    static RequestRecord ok(int idx, Long intended, long send, long ttftFromSend, long e2eFromSend, int tokens) {
        return ok(idx, intended, send, ttftFromSend, e2eFromSend, tokens, false);
    }

    static RequestRecord ok(int idx, Long intended, long send, long ttftFromSend, long e2eFromSend, int tokens,
                            boolean warmup) {
        return new RequestRecord(new RequestLabels("T", "rate 1/s", 0, idx, warmup, null, intended), "id" + idx, send,
                send + ttftFromSend, send + ttftFromSend, send + e2eFromSend, send + e2eFromSend,
                send + e2eFromSend + 100, 10, tokens, "usage", 10, tokens, tokens, "length", 200, null);
    }

    /** {@link #ok} with the given content-chunk gaps (µs). */
    static RequestRecord withGaps(RequestRecord r, int... gapsUs) {
        return new RequestRecord(r.labels(), r.responseId(), r.sendUs(), r.firstChunkUs(), r.firstTokenUs(),
                r.lastContentUs(), r.endUs(), r.closedUs(), r.promptTokens(), r.completionTokens(), r.tokenSource(),
                r.usagePromptTokens(), r.usageCompletionTokens(), r.contentChunks(), r.finishReason(), r.httpStatus(),
                r.error(), null, true, null, null, gapsUs, null, 0, null);
    }

    static RequestRecord failed(int idx, long intended, long send, long closed) {
        return new RequestRecord(new RequestLabels("T", "rate 1/s", 0, idx, false, null, intended), null, send, null, null,
                null, null, closed, null, null, null, null, null, 0, null, 503, "HTTP 503");
    }
}

package llmbench.results;

import static llmbench.metrics.Rounding.round;

import com.fasterxml.jackson.databind.node.ObjectNode;
import llmbench.metrics.FiveMetrics;
import llmbench.metrics.Rates;
import llmbench.metrics.ResponseMetrics;
import llmbench.timing.RequestRecord;

/**
 * The per-request rows the seed's single/concurrent/cache/memory/ngram scripts write
 * ({@code ttft_s, total_time_s, prompt_tokens, completion_tokens, generation_tok_s, finish_reason, error}),
 * with our five metrics and token sources added to a success, and the error row
 * ({@code error, http_status, total_time_s}) for a failure. The HTTP status of a failed request is
 * {@code http_status} in every file the suite writes (the seed's bench_concurrent.py calls it
 * {@code status_code}; nothing of the seed's reads it back).
 */
public final class RequestRows {
    private RequestRows() {
    }

    public static ObjectNode row(RequestRecord r) {
        ObjectNode o = RecordJson.JSON.createObjectNode();
        if (r.succeeded() && !r.streamed()) {
            ResponseMetrics m = ResponseMetrics.of(r);
            o.putNull("ttft_s");
            o.put("total_time_s", round(m.totalTimeS(), 4));
            o.put("generation_tok_s", round(m.generationTokS(), 2));
            o.put("prompt_tokens", r.promptTokens());
            o.put("completion_tokens", r.completionTokens());
            ResultJson.putFive(o, m.prefillTimeS(), m.prefillTokS(), m.decodeTimeS(), m.decodeTokS(), m.throughputTokS());
            o.put("prefill_split", m.splitSource() != null ? "server: " + m.splitSource()
                    : "unavailable: non-streamed reply, and the server reported no timings");
            o.put("finish_reason", r.finishReason());
            o.putNull("error");
            o.putNull("tpot_s");
            ResultJson.putTokenLatencies(o, r);
            o.put("token_source", r.tokenSource());
            o.put("response_id", r.responseId());
            ResultJson.putServersWord(o, r);
        } else if (r.succeeded()) {
            FiveMetrics m = FiveMetrics.of(r);
            o.put("ttft_s", round(m.ttftS(), 4));
            o.put("total_time_s", round(m.totalTimeS(), 4));
            o.put("generation_tok_s", round(m.generationTokS(), 2));
            ResultJson.putRequestMetrics(o, r, m);
        } else {
            o.put("error", r.error());
            o.put("http_status", r.httpStatus());
            o.put("total_time_s", round(Rates.seconds(r.closedUs() - r.sendUs()), 4));
            o.put("unparsable_events", r.unparsableEvents());
        }
        return o;
    }
}

package llmbench.results;

import static llmbench.results.ResultJson.round;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import llmbench.metrics.FiveMetrics;
import llmbench.metrics.ResponseMetrics;
import llmbench.timing.RequestRecord;

/**
 * The per-request rows the seed's single/concurrent/cache/memory/ngram scripts write
 * ({@code ttft_s, total_time_s, prompt_tokens, completion_tokens, generation_tok_s, finish_reason, error}),
 * with our five metrics and token sources added to a success, and the seed's error row
 * ({@code error, status_code, total_time_s}) for a failure.
 */
public final class RequestRows {
    private RequestRows() {
    }

    /**
     * The seed's generation rate: completion_tokens / (total − ttft), 0 when the denominator is not
     * positive (bench_*.py §5: {@code round(completion / (total - (ttft or 0)), 2)}).
     */
    public static double generationTokS(RequestRecord r, FiveMetrics m) {
        int completion = r.completionTokens() == null ? 0 : r.completionTokens();
        double denominator = m.totalTimeS() - m.ttftS();
        return denominator > 0 ? completion / denominator : 0.0;
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
            o.put("token_source", r.tokenSource());
            o.put("response_id", r.responseId());
        } else if (r.succeeded()) {
            FiveMetrics m = FiveMetrics.of(r);
            o.put("ttft_s", round(m.ttftS(), 4));
            o.put("total_time_s", round(m.totalTimeS(), 4));
            o.put("generation_tok_s", round(generationTokS(r, m), 2));
            ResultJson.putRequestMetrics(o, r, m);
        } else {
            o.put("error", r.error());
            o.put("status_code", r.httpStatus());
            o.put("total_time_s", round((r.closedUs() - r.sendUs()) / 1e6, 4));
        }
        return o;
    }

    /** The five metrics of the successful streamed records, for group means. */
    public static List<FiveMetrics> metrics(List<RequestRecord> ok) {
        return ok.stream().filter(RequestRecord::streamed).map(FiveMetrics::of).toList();
    }
}

package llmbench.capacity;

import java.util.List;

/** What the result files say, reduced to what the model needs. */
final class Measured {
    private Measured() {
    }

    /**
     * One successful streamed request.
     *
     * @param arrivalS  send time relative to its batch's first send (0 for a batch sent at once)
     * @param repeat    its prompt was sent earlier in the same file (a prefix cache may hold it)
     * @param ttftS     measured time to first token
     * @param decodeS   measured first token to [DONE]; null for a one-token answer
     * @param cachedTokens prompt tokens the server said it served from its prefix cache
     *                  ({@code cached_prompt_tokens}), null where it did not say
     */
    record Request(int promptTokens, int completionTokens, double arrivalS, boolean repeat, double ttftS,
                   Double decodeS, Integer cachedTokens) {
        /** A request whose server did not report cached tokens. */
        Request(int promptTokens, int completionTokens, double arrivalS, boolean repeat, double ttftS, Double decodeS) {
            this(promptTokens, completionTokens, arrivalS, repeat, ttftS, decodeS, null);
        }
    }

    /**
     * Requests that ran together: one Batch run (k sent at once), one Single request (k = 1) or one
     * Concurrent level (arrivals at their measured send times).
     *
     * @param source    {@code batch}, {@code single} or {@code concurrent}
     * @param sentAtOnce all requests arrived together (Batch, Single): the fit then orders them by first token
     * @param wallS     Batch's wall clock (first send to last request handed over), null elsewhere
     */
    record Batch(String source, int k, int run, boolean sentAtOnce, List<Request> requests, Double wallS) {
    }

    /**
     * One batch size k of BatchSimulation: the unit that leave-one-k-out cross-validation holds out.
     * The three figures are the result file's own (mean over files when several have this k):
     * {@code avg_aggregate_throughput_tok_s}, {@code ttft_s.p50}, {@code decode_tok_s}; {@code figures} holds
     * them and the file's other figures the model predicts, by {@link Prediction} name ({@code ttft_s.p95},
     * {@code latency_s.p50}, {@code latency_s.p95}, where the file has them).
     */
    record Point(int k, double aggregateTokS, double ttftP50S, double decodeTokS, List<Batch> batches,
                 java.util.Map<String, Double> figures) {
        Point(int k, double aggregateTokS, double ttftP50S, double decodeTokS, List<Batch> batches) {
            this(k, aggregateTokS, ttftP50S, decodeTokS, batches, java.util.Map.of(Prediction.AGGREGATE, aggregateTokS,
                    Prediction.TTFT_P50, ttftP50S, Prediction.DECODE, decodeTokS));
        }
    }
}

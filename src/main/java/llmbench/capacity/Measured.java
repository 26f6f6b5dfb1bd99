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

        /** When the request ended, as measured: send + TTFT + decode time. */
        double endS() {
            return arrivalS + ttftS + (decodeS == null ? 0 : decodeS);
        }
    }

    /**
     * Requests that ran together: one Batch run (k sent at once), one Single request (k = 1) or one
     * Concurrent level (arrivals at their measured send times).
     *
     * @param source    {@code batch}, {@code single}, {@code concurrent} or {@code rate} ({@link #RATE})
     * @param sentAtOnce all requests arrived together (Batch, Single): the fit then orders them by first token
     * @param wallS     Batch's wall clock (first send to last request handed over), null elsewhere
     */
    record Batch(String source, int k, int run, boolean sentAtOnce, List<Request> requests, Double wallS) {
        /** The source of a rate sweep's rate: sent one by one on an open schedule. */
        static final String RATE = "rate";
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

    /**
     * One request of an open-load rate as the server saw it: {@code request.arrivalS()} is its actual send and
     * {@code request.ttftS()} its TTFT from that send (what the fit replays); {@code intendedS} its intended send
     * (same clock: seconds from the rate's schedule anchor), from which the rate file measures its latencies;
     * {@code measured}: outside the rate's warm-up and cool-down, so it counts in the latency figures.
     */
    record RateRequest(Request request, double intendedS, boolean measured) {
    }

    /**
     * One offered rate of RateSweepSimulation: the unit that leave-one-rate-out cross-validation holds out. Its
     * successful requests in every phase (warm-up and cool-down ones load the server too), their times from the
     * rate's schedule anchor, and its measurement window {@code [windowFromS, windowFromS + windowS)}.
     * {@code figures} by {@link Prediction} name: {@link Prediction#AGGREGATE} is the file's {@code total_tok_s},
     * {@link Prediction#TTFT_P50}/{@link Prediction#TTFT_P95} its {@code ttft_p50_s}/{@code ttft_p95_s} (from the
     * intended send), {@link Prediction#LATENCY_P50}/{@link Prediction#LATENCY_P95} its {@code e2e_p50_s}/{@code
     * e2e_p95_s}, {@link Prediction#DECODE} the mean over measured requests of completion tokens / (end − first
     * token), computed from the requests file as Batch defines {@code decode_tok_s}.
     *
     * @param plannedArrivals the rate's scheduled arrivals ({@code requests_planned})
     */
    record RatePoint(double offeredRps, String caseName, int plannedArrivals, List<RateRequest> requests,
                     double windowFromS, double windowS, java.util.Map<String, Double> figures) {
        /** Its successful requests as the fit replays them: at their actual sends. */
        Batch asBatch(int index) {
            return new Batch(Batch.RATE, 0, index, false, requests.stream().map(RateRequest::request).toList(), null);
        }
    }
}

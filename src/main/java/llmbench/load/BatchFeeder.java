package llmbench.load;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What a batch's users are fed: user i of a batch (in injection order) gets request index i and body i,
 * as the seed's bench_batch.py gives request i passage i; every batch starts again at 0.
 */
public final class BatchFeeder {
    private BatchFeeder() {
    }

    /** @param run the run number recorded with each request (1-based) */
    public static Iterator<Map<String, Object>> requests(int run, IntFunction<String> body) {
        return requests(run, body, i -> null);
    }

    /** Request i of the batch gets the workload's body i and its record what the workload asked of it. */
    public static Iterator<Map<String, Object>> requests(int run, Workload workload) {
        return requests(run, workload::body, workload::requested);
    }

    private static Iterator<Map<String, Object>> requests(int run, IntFunction<String> body,
                                                          IntFunction<llmbench.timing.RequestedLengths> asked) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                Map<String, Object> record = new HashMap<>();
                record.put(StreamingRequest.BODY, body.apply(next));
                record.put(StreamingRequest.RUN, run);
                record.put(StreamingRequest.REQUEST_IDX, next);
                if (asked.apply(next) != null) {
                    record.put(StreamingRequest.REQUESTED, asked.apply(next));
                }
                next++;
                return record;
            }
        };
    }
}

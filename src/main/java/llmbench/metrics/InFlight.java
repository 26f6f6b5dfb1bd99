package llmbench.metrics;

import java.util.ArrayList;
import java.util.List;
import llmbench.timing.RequestRecord;

/**
 * Requests in flight over a window of the client clock: a request is in flight from its actual send until it
 * was handed over (closed, whatever the outcome). {@code mean} is the time-weighted mean over the window
 * (∫ in-flight dt / window), {@code max} the largest count at any instant inside it.
 */
public record InFlight(double mean, int max) {
    public static InFlight over(List<RequestRecord> records, long fromUs, long toUs) {
        if (toUs <= fromUs) {
            return new InFlight(0, 0);
        }
        List<long[]> events = new ArrayList<>();
        for (RequestRecord r : records) {
            long s = Math.max(r.sendUs(), fromUs);
            long e = Math.min(r.closedUs(), toUs);
            if (e > s) {
                events.add(new long[] {s, 1});
                events.add(new long[] {e, -1});
            }
        }
        // ends before starts at the same instant: a request handed over as the next is sent is not both in flight
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        double area = 0;
        int now = 0;
        int max = 0;
        long last = fromUs;
        for (long[] ev : events) {
            area += (double) now * (ev[0] - last);
            last = ev[0];
            now += (int) ev[1];
            max = Math.max(max, now);
        }
        area += (double) now * (toUs - last);
        return new InFlight(area / (toUs - fromUs), max);
    }
}

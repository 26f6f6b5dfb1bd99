package llmbench.refserver.scheduler;

import java.util.List;

/**
 * Holds back generated text that might be the start of a stop string, as the seed server does: the
 * last (longest stop length − 1) characters stay buffered, everything before them is released; when a
 * stop string appears the text before it is released and the rest is dropped.
 */
final class StopSequenceFilter {
    private final List<String> stops;
    private final int keep;
    private final StringBuilder buffer = new StringBuilder();
    private boolean stopped;

    /** @param stops non-empty stop strings */
    StopSequenceFilter(List<String> stops) {
        this.stops = List.copyOf(stops);
        this.keep = stops.stream().mapToInt(String::length).max().orElse(1) - 1;
    }

    /** Adds a token's text; returns the text now safe to send (possibly empty). */
    String accept(String text) {
        buffer.append(text);
        int cut = firstStop();
        if (cut >= 0) {
            stopped = true;
            String safe = buffer.substring(0, cut);
            buffer.setLength(0);
            return safe;
        }
        int release = buffer.length() - keep;
        if (release <= 0) {
            return "";
        }
        String out = buffer.substring(0, release);
        buffer.delete(0, release);
        return out;
    }

    /** At the natural end: what is left, cut at a stop string if one is in it. */
    String drain() {
        int cut = firstStop();
        String out = cut >= 0 ? buffer.substring(0, cut) : buffer.toString();
        buffer.setLength(0);
        return out;
    }

    boolean stopped() {
        return stopped;
    }

    /** Earliest position at which any stop string starts in the buffer, or −1. */
    private int firstStop() {
        int best = -1;
        for (String s : stops) {
            int i = buffer.indexOf(s);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}

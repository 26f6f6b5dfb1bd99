package llmbench.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service-level objective: bounds joined by commas, {@code ttft_p95<=2s,itl_p99<=150ms,e2e_p99<=30s,
 * error_rate<=0.01}. A latency bound is {@code <metric>_p<percentile><=<number><unit>} with metric
 * {@code ttft}, {@code itl}, {@code tpot} or {@code e2e}, percentile in (0, 100], unit {@code s} or {@code ms};
 * {@code error_rate<=<fraction>} bounds failed / sent, a number in [0, 1]. A metric may appear once per
 * percentile.
 *
 * <p>Met by a group of requests ({@link SloVerdict}) when every bound's group figure is within its limit. A
 * request is <em>good</em> ({@link RequestLatency#isGood}) when it succeeded and meets every latency bound on
 * its own value: its TTFT, its own ITL p99, its TPOT, its e2e latency.
 */
public record Slo(List<SloBound> bounds, String text) {
    private static final Pattern LATENCY = Pattern.compile(
            "(ttft|itl|tpot|e2e)_p(\\d+(?:\\.\\d+)?)\\s*<=\\s*(\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\s*([a-zA-Zµ]*)");
    private static final Pattern ERROR_RATE = Pattern.compile(
            "error_rate\\s*<=\\s*(\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)");
    private static final Pattern NAME = Pattern.compile("([a-zA-Z_]+?)(?:_p[\\d.]+)?\\s*(<=|<|>=|>|=|$).*");

    /** Parses the option's text; a reason naming the bad part is an IllegalArgumentException. */
    public static Slo parse(String text) {
        List<SloBound> bounds = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : text.split(",", -1)) {
            String part = raw.strip();
            if (part.isEmpty()) {
                throw new IllegalArgumentException("empty bound in '" + text + "'");
            }
            SloBound b = bound(part);
            if (!seen.add(b.figure())) {
                throw new IllegalArgumentException(b.figure() + " is bounded twice");
            }
            bounds.add(b);
        }
        return new Slo(List.copyOf(bounds), text.strip());
    }

    private static SloBound bound(String part) {
        Matcher m = LATENCY.matcher(part);
        if (m.matches()) {
            SloBound.Metric metric = SloBound.Metric.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
            double percent = Double.parseDouble(m.group(2));
            if (percent <= 0 || percent > 100) {
                throw new IllegalArgumentException("'" + part + "': percentile must be above 0 and at most 100");
            }
            double value = Double.parseDouble(m.group(3));
            String unit = m.group(4);
            double seconds = switch (unit) {
                case "s" -> value;
                case "ms" -> value / 1000;
                case "" -> throw new IllegalArgumentException("'" + part + "' has no unit; use s or ms");
                default -> throw new IllegalArgumentException("'" + part + "': unknown unit '" + unit + "'; use s or ms");
            };
            if (!(seconds > 0) || !Double.isFinite(seconds)) {
                throw new IllegalArgumentException("'" + part + "': the limit must be greater than 0");
            }
            return new SloBound(metric, percent / 100, seconds, part);
        }
        Matcher e = ERROR_RATE.matcher(part);
        if (e.matches()) {
            double fraction = Double.parseDouble(e.group(1));
            if (fraction > 1) {
                throw new IllegalArgumentException("'" + part + "': error_rate is a fraction between 0 and 1");
            }
            return new SloBound(SloBound.Metric.ERROR_RATE, null, fraction, part);
        }
        Matcher n = NAME.matcher(part);
        String name = n.matches() ? n.group(1) : part;
        if (!List.of("ttft", "itl", "tpot", "e2e", "error_rate").contains(name)) {
            throw new IllegalArgumentException("'" + part + "': unknown metric '" + name
                    + "'; use ttft, itl, tpot or e2e with a percentile (ttft_p95<=2s), or error_rate<=0.01");
        }
        if (n.matches() && !n.group(2).isEmpty() && !n.group(2).equals("<=")) {
            throw new IllegalArgumentException("'" + part + "': only upper bounds (<=) are supported");
        }
        throw new IllegalArgumentException("'" + part + "' is not a bound; write e.g. " + (name.equals("error_rate")
                ? "error_rate<=0.01" : name + "_p95<=2s"));
    }

    /** The bounds a single request is judged on (every latency bound). */
    public List<SloBound> perRequest() {
        return bounds.stream().filter(b -> b.metric() != SloBound.Metric.ERROR_RATE).toList();
    }
}

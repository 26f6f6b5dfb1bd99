package llmbench.metrics;

import java.util.List;
import java.util.function.Function;

/**
 * The five metrics of a group of requests as the means of its requests' values ({@link Means#ofPresent}: a
 * rate a request lacks, e.g. without reported prompt tokens, is left out of its mean; null when none has it).
 */
public record FiveMeans(Double prefillTimeS, Double prefillTokS, Double decodeTimeS, Double decodeTokS,
                        Double throughputTokS) {

    /** The means over {@code group}; null for an empty group (it has no metrics to average). */
    public static FiveMeans of(List<FiveMetrics> group) {
        if (group.isEmpty()) {
            return null;
        }
        return new FiveMeans(mean(group, FiveMetrics::prefillTimeS), mean(group, FiveMetrics::prefillTokS),
                mean(group, FiveMetrics::decodeTimeS), mean(group, FiveMetrics::decodeTokS),
                mean(group, FiveMetrics::throughputTokS));
    }

    private static Double mean(List<FiveMetrics> group, Function<FiveMetrics, Double> value) {
        return Means.ofPresent(group.stream().map(value).toList());
    }
}

package llmbench.run;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import llmbench.timing.RequestRecord;

/**
 * What the measured requests' failures say about a finished run (warm-up requests are not judged):
 * every measured request failed → an error; more failed than {@code max.error.rate} × measured → an error;
 * any other failure → a note. The line names the count and the most common error, so a run against a server
 * that answers 501 to everything ends with one line saying so instead of "BUILD SUCCESS".
 *
 * @param error a line for {@link LateExit#fail(String, int)}, or null
 * @param note  a line to print at the end when there is no error but some requests failed, or null
 */
record FailureVerdict(String error, String note) {

    static FailureVerdict of(List<RequestRecord> records, Double maxErrorRate) {
        List<RequestRecord> measured = records.stream().filter(r -> !r.labels().warmup()).toList();
        List<RequestRecord> failed = measured.stream().filter(r -> !r.succeeded()).toList();
        if (failed.isEmpty()) {
            return new FailureVerdict(null, null);
        }
        String counted = failed.size() + " of " + measured.size() + " measured requests failed; most common: "
                + mostCommon(failed);
        if (failed.size() == measured.size()) {
            return new FailureVerdict("all " + measured.size() + " measured requests failed; " + mostCommon(failed), null);
        }
        if (maxErrorRate != null && failed.size() > maxErrorRate * measured.size()) {
            return new FailureVerdict(counted + "; above max.error.rate " + maxErrorRate, null);
        }
        return new FailureVerdict(null, counted + (maxErrorRate == null
                ? " (-Dmax.error.rate=<share> makes more than that share an error)" : ""));
    }

    /** "HTTP 501: no event stream: … (×12)": the most frequent status and error text among {@code failed}. */
    private static String mostCommon(List<RequestRecord> failed) {
        Map<String, Long> byText = failed.stream().collect(Collectors.groupingBy(
                r -> (r.httpStatus() == null ? "" : "HTTP " + r.httpStatus() + ": ") + r.error(),
                Collectors.counting()));
        Map.Entry<String, Long> top = byText.entrySet().stream()
                .max(Comparator.comparing((Function<Map.Entry<String, Long>, Long>) Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow();
        String text = top.getKey().length() > 200 ? top.getKey().substring(0, 197) + "..." : top.getKey();
        return text + " (×" + top.getValue() + ")";
    }
}

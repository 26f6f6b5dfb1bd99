package llmbench.report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the file that answers a question: among final (non-partial) files of a benchmark and phase, the latest
 * by its {@code timestamp} field (then by name); a partial file only when no final one exists.
 */
final class Select {
    private final List<ResultFile> files;

    Select(List<ResultFile> files) {
        this.files = files;
    }

    Optional<ResultFile> latest(String benchmark, String phase) {
        Comparator<ResultFile> byTime = Comparator.comparing((ResultFile f) -> f.root().path("timestamp").asText(""))
                .thenComparing(ResultFile::fileName);
        List<ResultFile> match = all(benchmark, phase);
        Optional<ResultFile> fin = match.stream().filter(f -> !f.partial()).max(byTime);
        return fin.isPresent() ? fin : match.stream().max(byTime);
    }

    /** Every file of a benchmark, or of a benchmark and phase when {@code phase} is not null. */
    List<ResultFile> all(String benchmark, String phase) {
        return files.stream().filter(f -> f.benchmark().equals(benchmark))
                .filter(f -> phase == null || f.phase().equals(phase)).toList();
    }

    /** Final files of a benchmark, one per configuration (the latest), in phase order. */
    List<ResultFile> latestPerConfig(String benchmark) {
        return all(benchmark, null).stream()
                .map(ResultFile::config).distinct()
                .map(c -> all(benchmark, null).stream().filter(f -> f.config().equals(c))
                        .sorted(Comparator.comparing(ResultFile::partial)
                                .thenComparing((ResultFile f) -> f.root().path("timestamp").asText(""),
                                        Comparator.reverseOrder()))
                        .findFirst().orElseThrow())
                .sorted(Comparator.comparingInt((ResultFile f) -> SeedExtract.rank(f.phase()))
                        .thenComparing(ResultFile::config))
                .toList();
    }

    static String missing(String benchmark, String phase) {
        return "no " + benchmark + " file with label " + phase;
    }
}

package llmbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import llmbench.config.BadInputException;

/**
 * Reads a results directory the way extract_results.py does: every {@code *.json} directly in it, sorted by
 * name, kept when its {@code benchmark} field is one of the seed's seven values or {@code bench_rate} (ours); everything else is listed as
 * skipped with the reason.
 */
public final class ResultsReader {
    static final Set<String> BENCHMARKS = Set.of("bench_single", "bench_batch", "batch_inference",
            "bench_concurrent", "bench_cache", "bench_memory", "bench_ngram", "bench_rate");
    private static final Pattern NAME = Pattern.compile(
            "bench_(?:single|batch|concurrent|cache|memory|ngram|rate)_(.*?)_?(?:\\d{8}T\\d{6}|\\d{8}_\\d{6})(?:_partial)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Loaded(List<ResultFile> files, List<String> skipped, List<Path> textLogs) {
    }

    private ResultsReader() {
    }

    public static Loaded read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("results directory not found: " + dir);
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<ResultFile> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.endsWith(".log") || name.endsWith(".txt")) {
                logs.add(p);
            }
            if (!name.endsWith(".json")) {
                continue;
            }
            JsonNode root;
            try {
                root = JSON.readTree(p.toFile());
            } catch (IOException e) {
                skipped.add(name + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
                continue;
            }
            String benchmark = root.path("benchmark").asText("");
            if (VerdictLogs.isVerdictJson(root)) {
                logs.add(p);
                continue;
            }
            if (!BENCHMARKS.contains(benchmark)) {
                skipped.add(name + ": unknown benchmark type");
                continue;
            }
            String stem = name.substring(0, name.length() - ".json".length());
            String label = root.hasNonNull("label") ? root.get("label").asText() : labelFromName(stem);
            files.add(new ResultFile(p, benchmark.equals("batch_inference") ? "bench_batch" : benchmark, label,
                    Phases.detect(root.hasNonNull("label") ? root.get("label").asText() : null, stem),
                    stem.endsWith("_partial") || root.path("partial").asBoolean(false), root));
        }
        return new Loaded(List.copyOf(files), List.copyOf(skipped), List.copyOf(logs));
    }

    /** {@code bench_memory_fp8_20260214_120000} → fp8; {@code bench_single_20260214T120000} → null. */
    static String labelFromName(String stem) {
        Matcher m = NAME.matcher(stem);
        return m.matches() && !m.group(1).isEmpty() ? m.group(1) : null;
    }
}

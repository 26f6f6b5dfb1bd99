package llmbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API-conformance and memory-leak verdicts, from our own JSON reports when the results directory has them
 * (ApiComprehensiveSimulation's {@code "benchmark": "api_comprehensive"} file, the lifecycle harness's
 * {@code "harness": "lifecycle"} report; the latest by file name wins), else from the seed's scripts' stdout:
 * test_api_comprehensive.py and test_memory_leak.py write no JSON, only {@code [PASS]/[FAIL] <name>} lines (and
 * the API test a {@code SUMMARY: p/t passed, f failed} line), saved as a {@code .log} or {@code .txt} file whose
 * name contains "api" for the first, "leak" for the second.
 */
final class VerdictLogs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_BENCHMARK = "api_comprehensive";
    private static final String LIFECYCLE_HARNESS = "lifecycle";
    private static final Pattern RESULT = Pattern.compile("\\[(PASS|FAIL)]\\s+(\\S+)");
    private static final Pattern SUMMARY = Pattern.compile("SUMMARY:\\s*(\\d+)/(\\d+) passed");

    private VerdictLogs() {
    }

    static boolean isVerdictJson(JsonNode root) {
        return API_BENCHMARK.equals(root.path("benchmark").asText()) || LIFECYCLE_HARNESS.equals(root.path("harness").asText());
    }

    static List<Answer> of(List<Path> logs) {
        String apiTopic = "API conformance";
        String apiQ = "Does the server pass the seed's API conformance test?";
        String leakTopic = "Memory leak";
        String leakQ = "Is memory released after shutdown (no leak, no residual processes)?";
        return List.of(
                latestJson(logs, root -> API_BENCHMARK.equals(root.path("benchmark").asText()))
                        .map(j -> apiFromJson(apiTopic, apiQ, j))
                        .orElseGet(() -> verdict(logs, "api", apiTopic, apiQ, "test_api_comprehensive.py")),
                latestJson(logs, root -> LIFECYCLE_HARNESS.equals(root.path("harness").asText()))
                        .map(j -> leakFromJson(leakTopic, leakQ, j))
                        .orElseGet(() -> verdict(logs, "leak", leakTopic, leakQ, "test_memory_leak.py")));
    }

    private record Json(Path path, JsonNode root) {
    }

    private static Optional<Json> latestJson(List<Path> logs, Predicate<JsonNode> kind) {
        Json latest = null;
        for (Path p : logs) {
            if (!p.getFileName().toString().endsWith(".json")) {
                continue;
            }
            try {
                JsonNode root = JSON.readTree(p.toFile());
                if (kind.test(root) && (latest == null
                        || p.getFileName().toString().compareTo(latest.path().getFileName().toString()) > 0)) {
                    latest = new Json(p, root);
                }
            } catch (IOException e) {
                // ResultsReader parsed it once already; a file changed since is left to the text logs.
            }
        }
        return Optional.ofNullable(latest);
    }

    private static Answer apiFromJson(String topic, String q, Json j) {
        JsonNode summary = j.root().path("summary");
        List<String> failed = new ArrayList<>();
        for (JsonNode c : j.root().path("checks")) {
            if (!c.path("passed").asBoolean()) {
                List<String> reasons = new ArrayList<>();
                c.path("reasons").forEach(r -> reasons.add(r.asText()));
                failed.add(c.path("name").asText() + (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")"));
            }
        }
        String text = (failed.isEmpty() ? "PASS: " : "FAIL: ") + summary.path("passed").asInt() + "/"
                + summary.path("total").asInt() + " passed"
                + (failed.isEmpty() ? "." : "; failed: " + String.join(", ", failed) + ".");
        return new Answer(topic, q, text, true, List.of(j.path().getFileName().toString()));
    }

    /** The leak verdict is the memory and residue steps'; other failed steps (a failing test) are named beside it. */
    private static Answer leakFromJson(String topic, String q, Json j) {
        List<String> leakSteps = List.of("memory_released", "memory_growth", "no_residual_processes");
        List<String> parts = new ArrayList<>();
        List<String> leakFailed = new ArrayList<>();
        List<String> otherFailed = new ArrayList<>();
        for (JsonNode step : j.root().path("steps")) {
            String name = step.path("name").asText();
            boolean passed = step.path("passed").asBoolean();
            if (leakSteps.contains(name)) {
                parts.add(name + ": " + step.path("detail").asText());
                if (!passed) {
                    leakFailed.add(name);
                }
            } else if (!passed) {
                otherFailed.add(name);
            }
        }
        if (parts.isEmpty()) {
            return Answer.missing(topic, q, j.path().getFileName() + " has no memory or residue steps");
        }
        String text = (leakFailed.isEmpty() ? "PASS" : "FAIL (" + String.join(", ", leakFailed) + ")") + ". "
                + String.join("; ", parts) + "."
                + (otherFailed.isEmpty() ? "" : " Other failed steps of the run: " + String.join(", ", otherFailed) + ".");
        return new Answer(topic, q, text, true, List.of(j.path().getFileName().toString()));
    }

    private static Answer verdict(List<Path> logs, String keyword, String topic, String q, String script) {
        for (Path p : logs) {
            if (p.getFileName().toString().endsWith(".json")) {
                continue;
            }
            if (!p.getFileName().toString().toLowerCase().contains(keyword)) {
                continue;
            }
            String text;
            try {
                text = Files.readString(p);
            } catch (IOException e) {
                continue;
            }
            List<String> failed = new ArrayList<>();
            int passed = 0;
            Matcher m = RESULT.matcher(text);
            while (m.find()) {
                if (m.group(1).equals("PASS")) {
                    passed++;
                } else {
                    failed.add(m.group(2));
                }
            }
            Matcher s = SUMMARY.matcher(text);
            if (passed + failed.size() == 0 && !s.find()) {
                continue;
            }
            String counts = s.reset().find() ? s.group(1) + "/" + s.group(2) + " passed"
                    : passed + "/" + (passed + failed.size()) + " passed";
            String text1 = (failed.isEmpty() ? "PASS: " : "FAIL: ") + counts
                    + (failed.isEmpty() ? "." : "; failed: " + String.join(", ", failed) + ".");
            return new Answer(topic, q, text1, true, List.of(p.getFileName().toString()));
        }
        return Answer.missing(topic, q, "no saved output of " + script + " (the seed writes no JSON for it; save its "
                + "stdout in the results directory as a .log file whose name contains \"" + keyword + "\")");
    }
}

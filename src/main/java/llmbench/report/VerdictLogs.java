package llmbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API-conformance and memory-leak verdicts. The seed's test_api_comprehensive.py and test_memory_leak.py write
 * no JSON, only {@code [PASS]/[FAIL] <name>} lines (and the API test a {@code SUMMARY: p/t passed, f failed}
 * line); their stdout saved as a {@code .log} or {@code .txt} file in the results directory is read here: a file
 * whose name contains "api" for the first, "leak" for the second.
 */
final class VerdictLogs {
    private static final Pattern RESULT = Pattern.compile("\\[(PASS|FAIL)]\\s+(\\S+)");
    private static final Pattern SUMMARY = Pattern.compile("SUMMARY:\\s*(\\d+)/(\\d+) passed");

    private VerdictLogs() {
    }

    static List<Answer> of(List<Path> logs) {
        return List.of(
                verdict(logs, "api", "API conformance", "Does the server pass the seed's API conformance test?",
                        "test_api_comprehensive.py"),
                verdict(logs, "leak", "Memory leak", "Is memory released after shutdown (no leak, no residual processes)?",
                        "test_memory_leak.py"));
    }

    private static Answer verdict(List<Path> logs, String keyword, String topic, String q, String script) {
        for (Path p : logs) {
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

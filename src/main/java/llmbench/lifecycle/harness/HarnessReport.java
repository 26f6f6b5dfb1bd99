package llmbench.lifecycle.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import llmbench.files.AtomicFiles;

/**
 * The harness's files: the JSON report (written to a temporary file, then moved into place) and
 * {@code <report>_steps.tsv}, the same steps as tab-separated lines (name, passed, duration_s, detail) for
 * shell callers such as run_plan.sh that have no JSON parser.
 */
final class HarnessReport {
    private HarnessReport() {
    }

    static void write(Path report, Map<String, Object> content, List<Map<String, Object>> steps) throws IOException {
        AtomicFiles.replace(report, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(content));
        StringBuilder tsv = new StringBuilder("name\tpassed\tduration_s\tdetail\n");
        for (Map<String, Object> s : steps) {
            tsv.append(s.get("name")).append('\t').append(s.get("passed")).append('\t').append(s.get("duration_s"))
                    .append('\t').append(String.valueOf(s.get("detail")).replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        AtomicFiles.replace(stepsFile(report), tsv.toString());
    }

    static Path stepsFile(Path report) {
        return report.resolveSibling(report.getFileName().toString().replaceFirst("\\.json$", "") + "_steps.tsv");
    }
}

package llmbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One benchmark JSON of a results directory.
 *
 * @param benchmark the seed's benchmark name; {@code batch_inference} (bench_batch.py's final files) is
 *                  reported as {@code bench_batch}
 * @param label     the file's {@code label} field, else the label part of its name
 *                  ({@code bench_<name>_<label>_<timestamp>}), else null (the seed's unlabelled files)
 * @param phase     the extract_results phase key ({@link Phases#detect})
 * @param partial   a {@code _partial.json} file (extract_results reads these too)
 */
public record ResultFile(Path path, String benchmark, String label, String phase, boolean partial, JsonNode root) {

    public String fileName() {
        return path.getFileName().toString();
    }

    /** The configuration name shown on the page: the label, else the phase key. */
    public String config() {
        return label != null ? label : phase;
    }

    /** Directory of the Gatling HTML report the file came from (our files only), else null. */
    public String gatlingRunDir() {
        JsonNode d = root.get("gatling_run_dir");
        return d == null || d.isNull() ? null : d.asText();
    }
}

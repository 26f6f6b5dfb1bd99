package llmbench.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmbench.config.BadInputException;

/** The reference server's {@code GET /debug/requests} answer, saved to a file, keyed by response id. */
public final class GroundTruthFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GroundTruthFile() {
    }

    public static Map<String, JsonNode> read(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.path("requests").isArray()) {
                throw new BadInputException("ground-truth file " + file + " has no \"requests\" array");
            }
            Map<String, JsonNode> out = new HashMap<>();
            for (JsonNode t : root.path("requests")) {
                out.put(t.path("id").asText(), t);
            }
            return out;
        } catch (IOException e) {
            throw new BadInputException("ground-truth file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** Every line of a stamp file (JSONL) matched against {@code truth}, as one run ({@link StampErrors#addRun}). */
    public static StampErrors compare(Path stamps, Map<String, JsonNode> truth) {
        return new StampErrors().addRun(readStamps(stamps), truth);
    }

    /** The lines of a stamp file (JSONL), one client record each. */
    public static List<JsonNode> readStamps(Path stamps) {
        List<JsonNode> records = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(stamps)) {
                if (!line.isBlank()) {
                    records.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new BadInputException("stamp file " + stamps + " cannot be read: " + e.getMessage());
        }
        return records;
    }
}

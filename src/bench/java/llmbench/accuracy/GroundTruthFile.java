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

    /**
     * Every line of a stamp file (JSONL) matched against {@code truth}; the burst ends at the server's receipt
     * of the last measured (not warm-up) request of the file.
     */
    public static StampErrors compare(Path stamps, Map<String, JsonNode> truth) {
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
        long burstEnd = Long.MIN_VALUE;
        for (JsonNode r : records) {
            JsonNode t = truth.get(r.path("response_id").asText());
            if (t != null && !r.path("warmup").asBoolean(false)) {
                burstEnd = Math.max(burstEnd, t.path("received_epoch_us").asLong());
            }
        }
        StampErrors errors = new StampErrors(burstEnd);
        for (JsonNode r : records) {
            errors.add(r, truth.get(r.path("response_id").asText()));
        }
        return errors;
    }
}

package llmbench.refserver.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a profile by built-in name ({@value #RESOURCE_DIR}{@code <name>.json} on the class path) or,
 * failing that, as a path to the user's own JSON file with the same keys.
 */
public final class ProfileLoader {
    public static final String RESOURCE_DIR = "refserver/profiles/";
    public static final List<String> BUILT_IN = List.of("default", "tiny", "kimi-k2.5-2node");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileLoader() {
    }

    public static PerformanceProfile load(String nameOrPath) {
        String resource = RESOURCE_DIR + nameOrPath + ".json";
        try (InputStream in = ProfileLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                return parse(JSON.readTree(in), resource);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read built-in profile " + resource + ": " + e.getMessage(), e);
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown profile '" + nameOrPath + "' (built-in: "
                    + String.join(", ", BUILT_IN) + "; or give the path of a profile JSON file)");
        }
        try {
            return parse(JSON.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read profile " + file + ": " + e.getMessage(), e);
        }
    }

    static PerformanceProfile parse(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("profile " + source + " is not a JSON object");
        }
        try {
            double a = number(node, "step_base_ms", source);
            double b = number(node, "per_decode_sequence_ms", source);
            double c = number(node, "per_prefill_token_ms", source);
            SpecCosts d = SpecCosts.defaultsFor(a, b, c);
            SpecCosts spec = new SpecCosts(optional(node, "spec_verify_token_ms", d.verifyTokenMs()),
                    optional(node, "draft_token_ms", d.draftTokenMs()),
                    optional(node, "draft_agreement", d.draftAgreement()),
                    optional(node, "mtp_token_ms", d.mtpTokenMs()),
                    optional(node, "mtp_agreement", d.mtpAgreement()));
            return new PerformanceProfile(node.path("description").asText(""), a, b, c,
                    (int) number(node, "prefill_chunk_tokens", source),
                    (int) number(node, "max_batch_size", source), spec, shape(node),
                    optional(node, "load_s", 0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("profile " + source + ": " + e.getMessage(), e);
        }
    }

    private static ModelShape shape(JsonNode node) {
        ModelShape d = ModelShape.DEFAULT;
        return new ModelShape((int) optional(node, "num_layers", d.numLayers()),
                (int) optional(node, "num_kv_heads", d.numKvHeads()),
                (int) optional(node, "head_dim", d.headDim()),
                Math.round(optional(node, "weights_gb", d.weightsBytes() / 1e9) * 1e9),
                Math.round(optional(node, "runtime_overhead_gb", d.overheadBytes() / 1e9) * 1e9));
    }

    private static double optional(JsonNode node, String key, double fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a number");
        }
        return v.asDouble();
    }

    private static double number(JsonNode node, String key, String source) {
        JsonNode v = node.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("profile " + source + " needs a number '" + key + "'");
        }
        return v.asDouble();
    }
}

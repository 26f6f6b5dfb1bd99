package llmbench.llama;

import java.nio.file.Path;

/**
 * Where the engine's model file is looked up, in this order: system property {@code llama.model.file},
 * environment variable {@code LLAMA_MODEL_FILE}, then the project's own test model
 * {@code simulations-data/models/stories260K.gguf} relative to the working directory (the project root for
 * Maven runs; see {@code simulations-data/models/README.md} for its origin and licence).
 */
public final class ModelLocation {

    public static final String PROPERTY = "llama.model.file";
    public static final String ENVIRONMENT = "LLAMA_MODEL_FILE";
    public static final Path DEFAULT = Path.of("simulations-data", "models", "stories260K.gguf");

    private ModelLocation() {
    }

    public static Path resolve() {
        String fromProperty = System.getProperty(PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Path.of(fromProperty.strip());
        }
        String fromEnvironment = System.getenv(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment.strip());
        }
        return DEFAULT;
    }
}

package llmbench.simulations;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The test model of the llama engine, {@code ../shared/models/stories260K.gguf}; tests needing it are skipped without it. */
final class LlamaModelFile {
    static final Path DEFAULT = Path.of("..", "shared", "models", "stories260K.gguf");

    private LlamaModelFile() {
    }

    static Path orSkip() {
        Path file = DEFAULT.toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(file), "llama test model absent, skipping: " + file);
        return file;
    }
}

package llmbench.llama;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The model the tests load: {@link ModelLocation#resolve()}; tests that need it are skipped without it. */
final class TestModel {

    private TestModel() {
    }

    static Path fileOrSkip() {
        Path file = ModelLocation.resolve().toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(file), "llama model file absent, skipping (" + file + "; set -D"
                + ModelLocation.PROPERTY + " or " + ModelLocation.ENVIRONMENT + ")");
        return file;
    }
}

package llmbench.llama;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model every test that needs a real model loads: {@link ModelLocation#resolve()}, by default the project's
 * own {@code simulations-data/models/stories260K.gguf}. The file travels with the repository, so its absence is a
 * broken checkout or a wrong override, and the test fails saying so rather than being skipped.
 */
public final class TestModel {

    private TestModel() {
    }

    public static Path file() {
        Path file = ModelLocation.resolve().toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(file), "test model " + file + " is missing: it is part of the project ("
                + ModelLocation.DEFAULT + "); check the checkout, or -D" + ModelLocation.PROPERTY + " / "
                + ModelLocation.ENVIRONMENT + " if you set them");
        return file;
    }
}

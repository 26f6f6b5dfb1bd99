package llmbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md's option table is the one generated from the declarations in {@link Options}. */
class OptionTableTest {
    @Test
    void theReadmeTableIsTheDeclaredOptions() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(OptionTable.HEADER);
        assertTrue(start >= 0, "README.md has no option table starting with " + OptionTable.HEADER);
        int end = readme.indexOf("\n\n", start);
        assertEquals(OptionTable.markdown(), readme.substring(start, end + 1),
                "README.md's option table differs from llmbench.config.Options; regenerate it with "
                        + "java -cp target/classes llmbench.config.OptionTable");
    }
}

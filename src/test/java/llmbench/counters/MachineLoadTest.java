package llmbench.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineLoadTest {
    @TempDir
    Path dir;

    @Test
    void readsTheThreeAveragesOfProcLoadavg() throws Exception {
        Path f = Files.writeString(dir.resolve("loadavg"), "2.31 1.07 0.52 3/612 12345\n");
        ObjectNode o = MachineLoad.read(f, 2);
        assertEquals(2.31, o.path("load_1m").asDouble());
        assertEquals(1.07, o.path("load_5m").asDouble());
        assertEquals(0.52, o.path("load_15m").asDouble());
        assertEquals(2, o.path("cpus").asInt());
        assertFalse(o.has("note"));
    }

    @Test
    void aMissingFileGivesANoteInsteadOfNumbers() {
        ObjectNode o = MachineLoad.read(dir.resolve("absent"), 4);
        assertFalse(o.has("load_1m"));
        assertTrue(o.path("note").asText().startsWith("load average not reported"));
    }
}

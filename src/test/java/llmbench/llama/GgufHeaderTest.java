package llmbench.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufHeaderTest {

    @TempDir
    Path dir;

    @Test
    void missingModelFileFailsWithOneLineNamingThePath() {
        Path missing = dir.resolve("nope.gguf");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LlamaEngine.load(EngineSettings.defaults().withModelFile(missing)));
        assertEquals("llama model file not found: " + missing.toAbsolutePath().normalize(), e.getMessage());
    }

    @Test
    void fileWithoutGgufMagicIsRejectedBeforeNativeCode() throws Exception {
        Path junk = Files.writeString(dir.resolve("model.gguf"), "this is not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GgufHeader.read(junk));
        assertEquals("not a GGUF model file (bad magic): " + junk.toAbsolutePath().normalize(), e.getMessage());
    }

    @Test
    void truncatedHeaderIsRejected() throws Exception {
        Path truncated = Files.write(dir.resolve("t.gguf"), new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GgufHeader.read(truncated));
        assertTrue(e.getMessage().startsWith("not a GGUF model file (truncated header): "));
    }

    @Test
    void tinyStoriesModelHasNoChatTemplateAndA512TokenContext() {
        GgufHeader header = GgufHeader.read(TestModel.file());
        assertEquals(3, header.version());
        assertFalse(header.chatTemplate().isPresent());
        assertEquals(512L, header.trainedContext().orElseThrow());
    }
}

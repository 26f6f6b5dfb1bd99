package llmbench.config;

import static llmbench.config.BenchOptionsTest.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The options of the simulations beyond BatchSimulation: seed defaults and one-line errors. */
class SimulationOptionsTest {
    @Test
    void defaultsAreTheSeedScriptsSettings() {
        BenchOptions o = with();
        assertEquals(List.of(1, 3, 5, 8), o.concurrencyLevels());
        assertNull(o.concurrencyRequests());
        assertEquals(2.0, o.concurrencyPauseSeconds());
        assertEquals(List.of(64, 128, 256, 512, 1024), o.singleLengths());
        assertEquals(List.of("short", "medium", "long"), o.singlePromptKeys());
        assertEquals(0.5, o.casePauseSeconds());
        assertEquals(List.of(), o.ngramCategories());
        assertEquals(4, o.ngramPromptsPerCategory());
        assertNull(o.baselineFile());
        assertNull(o.targetPid());
        assertEquals(List.of(512, 2048, 8192), o.memoryPromptTokens());
    }

    @Test
    void memoryPromptSizesCanBeSwitchedOffWithNoneButNotWithAnEmptyValue() {
        assertEquals(List.of(), with("memory.prompt.tokens", "none").memoryPromptTokens());
        assertEquals("memory.prompt.tokens is empty; give a value or leave -Dmemory.prompt.tokens out (default: "
                        + "512,2048,8192)",
                assertThrows(BadInputException.class, () -> with("memory.prompt.tokens", "").memoryPromptTokens())
                        .getMessage());
        assertEquals(List.of(512, 2048), with("memory.prompt.tokens", "512, 2048").memoryPromptTokens());
        assertThrows(BadInputException.class, () -> with("memory.prompt.tokens", "512,0").memoryPromptTokens());
    }

    @Test
    void badValuesNameTheOption() {
        assertEquals("concurrency.levels contains 0; every value must be at least 1",
                assertThrows(BadInputException.class, () -> with("concurrency.levels", "1,0").concurrencyLevels())
                        .getMessage());
        assertEquals("concurrency.requests 0 must be at least 1",
                assertThrows(BadInputException.class, () -> with("concurrency.requests", "0").concurrencyRequests())
                        .getMessage());
        assertEquals("single.prompts contains 'huge'; use short, medium or long",
                assertThrows(BadInputException.class, () -> with("single.prompts", "short,huge").singlePromptKeys())
                        .getMessage());
        assertEquals("target.pid 'abc' is not a process id",
                assertThrows(BadInputException.class, () -> with("target.pid", "abc").targetPid()).getMessage());
        assertThrows(BadInputException.class, () -> with("baseline.file", "/no/such/file.json").baselineFile());
        assertEquals(4242L, with("target.pid", "4242").targetPid());
    }

    @Test
    void theNewOptionsAreRecordedInResults() {
        BenchOptions o = with("concurrency.levels", "2", "ngram.categories", "coding", "case.pause.s", "0");
        assertEquals("2", o.recordedOptions().get("concurrency.levels"));
        assertEquals("coding", o.recordedOptions().get("ngram.categories"));
        assertEquals("0", o.recordedOptions().get("case.pause.s"));
    }
}

package llmbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    static BenchOptions with(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return new BenchOptions(p, Map.of());
    }

    @Test
    void defaultsAreTheSeedBenchBatchSettings() {
        BenchOptions o = with();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), o.batchSizes());
        assertEquals(2, o.batchRuns());
        assertEquals(128, o.maxTokens(128));
        assertEquals("baseline", o.label());
        assertEquals(0.7, o.temperature());
        assertNull(o.targetUrl());
    }

    @Test
    void badValuesGiveOneLineNamingTheOption() {
        assertEquals("batch.sizes contains 0; every value must be at least 1",
                assertThrows(BadInputException.class, () -> with("batch.sizes", "1,0").batchSizes()).getMessage());
        assertEquals("batch.sizes '1,x' must be a comma-separated list of whole numbers",
                assertThrows(BadInputException.class, () -> with("batch.sizes", "1,x").batchSizes()).getMessage());
        assertThrows(BadInputException.class, () -> with("label", "../etc").label());
        assertThrows(BadInputException.class, () -> with("label", "a/b").label());
        assertThrows(BadInputException.class, () -> with("target.url", "localhost:8080").targetUrl());
        assertThrows(BadInputException.class, () -> with("max.tokens", "-1").maxTokens(128));
        assertThrows(BadInputException.class, () -> with("temperature", "3").temperature());
    }

    @Test
    void theEmbeddedEngineIsSimulatedUnlessLlamaIsAskedForWithAReadableModelFile() {
        assertEquals("simulated", with().embeddedEngine());
        assertEquals("llama", with("target.engine", "llama").embeddedEngine());
        assertEquals("target.engine 'vllm' must be simulated or llama",
                assertThrows(BadInputException.class, () -> with("target.engine", "vllm").embeddedEngine()).getMessage());
        assertEquals("target.model.file /nonexistent/m.gguf does not exist or is not a file",
                assertThrows(BadInputException.class,
                        () -> with("target.model.file", "/nonexistent/m.gguf").embeddedModelFile()).getMessage());
    }

    @Test
    void theApiKeyComesFromTheEnvironmentAndIsNeverAmongRecordedOptions() {
        Properties p = new Properties();
        p.setProperty("target.url", "http://127.0.0.1:8080/");
        BenchOptions o = new BenchOptions(p, Map.of("OPENAI_API_KEY", " sk-secret "));
        assertEquals("sk-secret", o.apiKey());
        assertEquals("http://127.0.0.1:8080", o.targetUrl().toString());
        assertEquals(Map.of("target.url", "http://127.0.0.1:8080/"), o.recordedOptions());
    }
}

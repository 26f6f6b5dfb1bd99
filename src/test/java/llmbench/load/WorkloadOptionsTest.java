package llmbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import llmbench.config.BadInputException;
import llmbench.config.BenchOptions;
import org.junit.jupiter.api.Test;

class WorkloadOptionsTest {
    private static WorkloadOptions of(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return WorkloadOptions.from(BenchOptions.checked(p, Map.of()));
    }

    private static String refusal(String... kv) {
        return assertThrows(BadInputException.class, () -> of(kv)).getMessage();
    }

    @Test
    void withoutWorkloadOptionsNothingIsShaped() {
        assertFalse(of().shapesRequests());
        assertTrue(of("prompt.tokens", "100").shapesRequests());
        assertTrue(of("output.tokens", "uniform:1..5").shapesRequests());
        assertEquals(1, of().seed());
        assertTrue(of("output.tokens", "5").forceOutput());
        assertFalse(of("output.tokens", "5", "output.force", "false").forceOutput());
    }

    @Test
    void combinationsThatMakeNoSenseAreRefused() {
        assertEquals("prompt.tokens and dataset.file both choose the prompts; give one of them",
                refusal("prompt.tokens", "100", "dataset.file", "simulations-data/datasets/chat.jsonl"));
        assertEquals("prompt.prefix.tokens needs prompt.tokens (the whole prompt's length)",
                refusal("prompt.prefix.tokens", "10"));
        assertEquals("prompt.prefix.groups needs prompt.prefix.tokens", refusal("prompt.tokens", "100",
                "prompt.prefix.groups", "3"));
        assertEquals("prompt.prefix.tokens 300 must be below the shortest prompt (200 tokens for "
                + "prompt.tokens=uniform:200..900)", refusal("prompt.tokens", "uniform:200..900", "prompt.prefix.tokens", "300"));
        assertEquals("output.tokens and max.tokens both set max_tokens; give one of them",
                refusal("output.tokens", "64", "max.tokens", "64"));
        assertEquals("output.force needs output.tokens", refusal("output.force", "false"));
    }

    @Test
    void theSeedIsRecordedWheneverALengthIsDrawn() {
        Properties p = new Properties();
        p.setProperty("prompt.tokens", "normal:500,50");
        assertEquals("1", BenchOptions.checked(p, Map.of()).recordedOptions().get("prompt.seed"));
        assertFalse(BenchOptions.checked(new Properties(), Map.of()).recordedOptions().containsKey("prompt.seed"));
    }
}

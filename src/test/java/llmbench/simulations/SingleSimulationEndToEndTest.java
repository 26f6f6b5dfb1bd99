package llmbench.simulations;

import static llmbench.simulations.ResultFilesInDir.hasFivePositiveMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SingleSimulation in its own JVM against the embedded reference server. */
class SingleSimulationEndToEndTest {

    @Test
    void sendsTheSeedsCasesInOrderAndNeverInventsANonStreamedPrefillSplit(@TempDir Path results) throws Exception {
        Map<String, String> props = Map.of("target.profile", "tiny", "single.lengths", "16,40", "max.tokens", "24",
                "case.pause.s", "0", "label", "phase1", "results.dir", results.resolve("out").toString());
        GatlingProcess.Outcome run = GatlingProcess.run("SingleSimulation", props, results.resolve("gatling.log"), 240);
        assertEquals(0, run.exitCode(), run.output());

        JsonNode result = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_single_phase1_");
        assertEquals("bench_single", result.path("benchmark").asText());
        assertTrue(result.path("health_before").isObject() && result.path("health_after").isObject());
        List<String> names = new ArrayList<>();
        for (JsonNode r : result.path("results")) {
            names.add(r.path("test_name").asText());
            assertTrue(r.path("error").isNull(), r.toString());
            assertTrue(r.path("content_preview").asText().length() > 0, r.toString());
            if (r.path("test_name").asText().startsWith("non_streaming")) {
                assertTrue(r.path("ttft_s").isNull(), r.toString());
                assertTrue(r.path("prefill_time_s").isNull() && r.path("decode_tok_s").isNull(), r.toString());
                assertTrue(r.path("prefill_split").asText().startsWith("unavailable"), r.toString());
                assertTrue(r.path("throughput_tok_s").asDouble() > 0, r.toString());
            } else {
                hasFivePositiveMetrics(r);
            }
        }
        ResultFilesInDir.itlDistributionHoldsEveryGap(result, result.path("results"));
        assertEquals(List.of("non_streaming_chat_short", "streaming_chat_short", "streaming_completion_short",
                "non_streaming_chat_medium", "streaming_chat_medium", "streaming_completion_medium",
                "non_streaming_chat_long", "streaming_chat_long", "streaming_completion_long",
                "scaling_max_tokens_16", "scaling_max_tokens_40"), names);
        JsonNode scaling40 = result.path("results").get(10);
        assertEquals(40, scaling40.path("max_tokens").asInt());
        assertEquals(40, scaling40.path("completion_tokens").asInt());
        assertEquals("short", scaling40.path("prompt_key").asText());
        JsonNode longChat = result.path("results").get(7);
        assertTrue(longChat.path("prompt_tokens").asInt() > 1000, longChat.toString());
    }
}

package llmbench.simulations;

import static llmbench.simulations.ResultFilesInDir.hasFivePositiveMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NgramSimulation in its own JVM against a reference server started here, with n-gram speculative decoding
 * switched on when the server offers it ({@code ReferenceServerConfig.withFlags("--spec-decode=ngram")}).
 */
class NgramSimulationEndToEndTest {
    private static final List<String> CATEGORIES = List.of("coding", "structured_output", "daily_conversation",
            "technical_docs", "translation", "math_logic", "creative_writing", "repetitive_patterns", "counting");
    private static final int PROMPTS_PER_CATEGORY = 2;
    @TempDir
    static Path results;
    private static JsonNode result;

    @BeforeAll
    static void runOnce() throws Exception {
        // The seed's dynamic auto-off and adaptive k stop speculating for good once the EMA acceptance falls
        // under 0.3, leaving the later categories with nothing proposed; the comparison needs every category
        // speculated with the same k.
        ReferenceServerConfig cfg = ReferenceServerConfig.defaults().withFlags("--profile=tiny",
                "--spec-decode=ngram", "--no-spec-decode-dynamic", "--no-adaptive-k");
        ObjectNode baseline = ResultFilesInDir.JSON.createObjectNode();
        baseline.put("benchmark", "bench_ngram");
        ObjectNode cats = baseline.putObject("categories");
        CATEGORIES.forEach(c -> cats.putObject(c).put("decode_tok_s", 100.0));
        baseline.putObject("overall").put("decode_tok_s", 100.0);
        Path baselineFile = results.resolve("baseline.json");
        Files.writeString(baselineFile, baseline.toString());
        try (ReferenceServer server = ReferenceServer.start(cfg)) {
            Map<String, String> props = new HashMap<>();
            props.put("target.url", server.baseUrl());
            props.put("label", "ngram4_k5");
            // Two prompts per category and 96 tokens each, at temperature 0 (text and therefore acceptance are
            // reproducible): the comparison below rests on ~200 proposed tokens per category, not one sample.
            props.put("max.tokens", "96");
            props.put("ngram.prompts.per.category", String.valueOf(PROMPTS_PER_CATEGORY));
            props.put("temperature", "0");
            props.put("case.pause.s", "0");
            props.put("baseline.file", baselineFile.toString());
            props.put("results.dir", results.resolve("out").toString());
            GatlingProcess.Outcome run = GatlingProcess.run("NgramSimulation", props, results.resolve("gatling.log"), 240);
            assertEquals(0, run.exitCode(), run.output());
            result = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_ngram_ngram4_k5_");
        }
    }

    @Test
    void everyCategoryHasItsRowDecodeRateAndSpeedupAgainstTheBaseline() {
        assertEquals("bench_ngram", result.path("benchmark").asText());
        assertEquals("ngram4_k5", result.path("label").asText());
        assertEquals(9 * PROMPTS_PER_CATEGORY, result.path("results").size());
        for (int i = 0; i < 9 * PROMPTS_PER_CATEGORY; i++) {
            JsonNode r = result.path("results").get(i);
            assertEquals(CATEGORIES.get(i / PROMPTS_PER_CATEGORY), r.path("category").asText());
            assertTrue(r.path("category_description").asText().length() > 10);
            assertTrue(r.has("spec_metrics_after") && r.has("spec_delta"), r.toString());
            hasFivePositiveMetrics(r);
        }
        for (String category : CATEGORIES) {
            JsonNode c = result.path("categories").path(category);
            double rate = c.path("decode_tok_s").asDouble();
            assertTrue(rate > 0, c.toString());
            assertEquals(Math.round(rate / 100.0 * 1000) / 1000.0, c.path("speedup").asDouble(), 0.0011, c.toString());
        }
        assertTrue(result.path("overall").path("speedup").asDouble() > 0);
        ResultFilesInDir.itlDistributionHoldsEveryGap(result.path("overall"), result.path("results"));
        assertTrue(result.has("spec_decode_enabled") && result.has("spec_metrics_before"));
    }

    @Test
    void repetitiveAndCountingContentIsAcceptedClearlyMoreThanCreativeWritingWhenTheServerSpeculates() {
        assertTrue(result.path("spec_decode_enabled").asBoolean(false), result.path("spec_metrics_before").toString());
        double creative = acceptance("creative_writing");
        for (String formulaic : List.of("repetitive_patterns", "counting")) {
            double a = acceptance(formulaic);
            assertTrue(a > creative + 0.1, formulaic + " " + a + " vs creative " + creative + " in " + result.path("categories"));
        }
    }

    private static double acceptance(String category) {
        return result.path("categories").path(category).path("spec_decode").path("acceptance_rate").asDouble();
    }
}

package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmbench.llama.TestModel;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ApiComprehensiveSimulation's format checks against the reference server's llama.cpp engine on the project's
 * test model. The 260K-parameter story model understands no question, so checks that need
 * understanding may fail, and only for those reasons: multiturn_conversation (recall the name Alice) and
 * stop_sequences when no newline comes within the limit (finish_reason length; the stop string must still never
 * appear). Everything about the wire format must pass.
 */
class ApiComprehensiveSimulationLlamaEndToEndTest {

    @Test
    void everyFormatCheckPassesOnTheLlamaEngine(@TempDir Path results) throws Exception {
        Path model = TestModel.file();
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--engine=llama")
                .withModelFile(model.toString()).withFlags("--threads=2"))) {
            GatlingProcess.Outcome run = GatlingProcess.run("ApiComprehensiveSimulation",
                    Map.of("target.url", server.baseUrl(), "results.dir", results.resolve("out").toString()),
                    results.resolve("gatling.log"), 240);
            JsonNode result = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_api_baseline_");
            assertEquals("api_comprehensive", result.path("benchmark").asText());
            List<String> failed = new ArrayList<>();
            for (JsonNode c : result.path("checks")) {
                System.out.println("check " + c.path("name").asText() + ": passed " + c.path("passed").asBoolean()
                        + " " + c.path("reasons"));
                if (!c.path("passed").asBoolean()) {
                    failed.add(c.path("name").asText());
                    String expected = switch (c.path("name").asText()) {
                        case "multiturn_conversation" -> "the reply to 'What is my name?' does not contain 'alice'";
                        case "stop_sequences" -> "finish_reason is length, not stop";
                        default -> "no failure";
                    };
                    assertEquals("[\"" + expected + "\"]", c.path("reasons").toString(), c.toString());
                }
            }
            assertEquals(failed.isEmpty(), run.exitCode() == 0, run.output());
            assertTrue(run.output().contains("gatling-llm-bench: SUMMARY: " + (7 - failed.size()) + "/7 passed"),
                    run.output());
        }
    }
}

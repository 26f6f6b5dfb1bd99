package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Black-box: the standalone server started as a child process with real command-line arguments. */
class ReferenceServerMainProcessTest {
    private static final Pattern URL = Pattern.compile("listening on (http://\\S+)");

    private static Process launch(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReferenceServerMain.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    @Test
    void servesTheGivenModelAndStopsOnSigterm() throws Exception {
        Process p = launch("--host", "127.0.0.1", "--port", "0", "--model", "proc-model", "--profile", "tiny",
                "--time-scale", "0.5", "--max-batch-size", "4", "--max-queue-size", "16");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            for (String line; url == null && (line = out.readLine()) != null; ) {
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    url = m.group(1);
                }
            }
            assertTrue(url != null && url.startsWith("http://127.0.0.1:"), "no URL line printed");
            RefClient client = new RefClient(url);
            JsonNode models = RefClient.json(client.get("/v1/models").body());
            assertEquals("proc-model", models.at("/data/0/id").asText());
            RefClient.Sse sse = client.stream("/v1/chat/completions",
                    "{\"model\":\"proc-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"max_tokens\":7,\"stream\":true}");
            assertEquals(8, sse.events().size());   // role chunk + 7 tokens
            assertEquals("[DONE]", sse.data().get(sse.data().size() - 1));

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "server did not exit after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void engineFlagsReachTheServer() throws Exception {
        long t0 = System.nanoTime();
        Process p = launch("--port", "0", "--profile", "kimi-k2.5-2node", "--time-scale", "0.005",
                "--block-size", "8", "--num-blocks", "64", "--kv-bits", "4", "--spec-decode", "ngram",
                "--num-speculative-tokens", "3", "--api-key", "k", "--max-concurrent-requests", "2");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            for (String line; url == null && (line = out.readLine()) != null; ) {
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    url = m.group(1);
                }
            }
            assertTrue(url != null, "no URL line printed");
            assertTrue(System.nanoTime() - t0 >= 500_000_000L, "load_s 100 × 0.005 = 0.5 s before listening");
            RefClient client = new RefClient(url);
            JsonNode health = RefClient.json(client.get("/health").body());
            assertEquals(64, health.at("/cache_stats/total_blocks").asInt());
            assertEquals(4, health.at("/memory/kv_bits").asInt());
            assertEquals(612_000_000_000L, health.at("/memory/weights_bytes").asLong());
            assertEquals(401, client.get("/v1/spec_decode/metrics").statusCode());
            JsonNode spec = RefClient.json(client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url + "/v1/spec_decode/metrics")).header("Authorization", "Bearer k").build()).body());
            assertEquals("ngram", spec.get("spec_decode_mode").asText());
            assertEquals(3, spec.get("current_k").asInt());
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void unknownFlagPrintsOneLineAndExitsWith2() throws Exception {
        Process p = launch("--bogus-flag");
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("--bogus-flag"), err);
    }

    @Test
    void invalidValuesAreRefusedWithExit2() {
        assertEquals(2, ReferenceServerMain.run("--time-scale", "-1"));
        assertEquals(2, ReferenceServerMain.run("--profile", "no-such-profile"));
        assertEquals(2, ReferenceServerMain.run("--port", "eighty"));
        assertEquals(2, ReferenceServerMain.run("--engine", "vllm"));
        assertEquals(2, ReferenceServerMain.run("--engine", "llama"));
    }

    @Test
    void llamaEngineWithAMissingModelFileSaysSoInOneLineAndExitsWith2() throws Exception {
        Process p = launch("--engine", "llama", "--model", "/nonexistent/model.gguf", "--port", "0");
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("reference-server: error: ") && err.contains("/nonexistent/model.gguf"), err);
    }

    @Test
    void draftContextLenOutside1To512IsRefusedWithExit2() {
        assertEquals(2, ReferenceServerMain.run("--draft-context-len", "0"));
        assertEquals(2, ReferenceServerMain.run("--draft-context-len", "513"));
        assertEquals(2, ReferenceServerMain.run("--spec-decode", "draft", "--draft-model-path", ""));
    }
}

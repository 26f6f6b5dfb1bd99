package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;

/**
 * Black-box: n-gram speculative decoding whose acceptance follows from the text (never from a label),
 * and /v1/spec_decode/metrics. Prompts differ only in content; the server is told nothing else.
 */
class ReferenceServerSpecDecodeTest {
    static final String REPETITIVE = IntStream.rangeClosed(1, 5)
            .mapToObj(i -> "The build failed. Run the tests again. Check the log. The build failed.")
            .collect(Collectors.joining(" "));
    static final String CREATIVE = "Write an original short story about a lighthouse keeper who finds a strange"
            + " signal in the fog, with vivid imagery and surprising turns.";
    static final ReferenceServerConfig NGRAM = ReferenceServerConfig.defaults().withFlags("--profile=tiny",
            "--spec-decode=ngram");
    /** k stays 5 and speculation stays on, so both prompts are measured over all 200 tokens. */
    static final ReferenceServerConfig NGRAM_STATIC = NGRAM.withFlags("--no-spec-decode-dynamic", "--no-adaptive-k");

    /** Serves one greedy chat request; returns {completion text, spec metrics, health}. */
    private static List<JsonNode> run(ReferenceServerConfig cfg, String prompt) {
        try (ReferenceServer server = ReferenceServer.start(cfg)) {
            RefClient client = new RefClient(server.baseUrl());
            String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}],\"max_tokens\":200,"
                    + "\"temperature\":0}";
            List<JsonNode> out = new ArrayList<>();
            out.add(RefClient.json(client.post("/v1/chat/completions", body).body()));
            out.add(RefClient.json(client.get("/v1/spec_decode/metrics").body()));
            out.add(RefClient.json(client.get("/health").body()));
            return out;
        }
    }

    @Test
    void aRepetitivePromptAcceptsFarMoreDraftTokensThanACreativeOne() {
        JsonNode repetitive = run(NGRAM_STATIC, REPETITIVE).get(1);
        JsonNode creative = run(NGRAM_STATIC, CREATIVE).get(1);
        double rep = repetitive.get("acceptance_rate_overall").asDouble();
        double cre = creative.get("acceptance_rate_overall").asDouble();
        // measured: 0.74 and 0.15
        assertTrue(rep > 0.6, "repetitive " + repetitive);
        assertTrue(cre < 0.3, "creative " + creative);
        assertTrue(repetitive.get("avg_tokens_per_step").asDouble() > 4, repetitive.toString());
    }

    @Test
    void speculationChangesTimingNotText() {
        JsonNode plain = run(ReferenceServerConfig.defaults().withFlags("--profile=tiny"), REPETITIVE).get(0);
        JsonNode spec = run(NGRAM, REPETITIVE).get(0);
        assertEquals(plain.at("/choices/0/message/content").asText(), spec.at("/choices/0/message/content").asText());
        assertEquals(200, spec.at("/usage/completion_tokens").asInt());
    }

    @Test
    void theControllerSwitchesItselfOffOnCreativeTextAndReportsTheSeedsFields() {
        List<JsonNode> r = run(NGRAM, CREATIVE);
        JsonNode m = r.get(1);
        List<String> keys = new ArrayList<>();
        m.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("spec_decode_enabled", "spec_decode_mode", "acceptance_rate_ema",
                "acceptance_rate_overall", "avg_tokens_per_step", "total_steps", "total_fallback_steps",
                "total_proposed", "total_accepted", "total_bonus_tokens", "current_k", "adaptive_k_current"), keys);
        assertEquals("ngram", m.get("spec_decode_mode").asText());
        assertTrue(m.get("acceptance_rate_ema").asDouble() < 0.3, m.toString());
        assertEquals(0, m.get("adaptive_k_current").asInt());
        assertEquals(5, m.get("current_k").asInt());
        assertTrue(m.get("total_steps").asInt() < 40, "off long before 200 tokens: " + m);
        JsonNode stats = r.get(2).get("cache_stats");
        assertEquals(m.get("total_proposed").asLong(), stats.get("spec_tokens_drafted").asLong());
        assertEquals(m.get("total_accepted").asLong(), stats.get("spec_tokens_accepted").asLong());
        assertEquals(200, stats.get("tokens_generated").asInt());
    }

    @Test
    void withoutSpeculationTheMetricsSayDisabled() {
        List<JsonNode> r = run(ReferenceServerConfig.defaults().withFlags("--profile=tiny"), "hello");
        assertEquals("{\"spec_decode_enabled\":false}", r.get(1).toString());
        assertTrue(r.get(2).get("draft_model") == null, "draft_model only with --spec-decode draft");
    }

    @Test
    void aSimulatedDraftModelAcceptsAboutItsAgreementsGeometricShare() {
        // draft_agreement 0.6 (default), k = 5: E[accepted] = Σ 0.6^i (i = 1..5) = 1.38 of 5 → 0.28
        List<JsonNode> r = run(NGRAM_STATIC.withFlags("--spec-decode=draft", "--draft-model-path=small-draft",
                "--draft-context-len=64"), CREATIVE);
        JsonNode m = r.get(1);
        assertEquals("draft", m.get("spec_decode_mode").asText());
        assertEquals(0.28, m.get("acceptance_rate_overall").asDouble(), 0.1, m.toString());
        assertEquals("{\"path\":\"small-draft\",\"context_len\":64}", r.get(2).get("draft_model").toString());
        assertTrue(m.toString().indexOf("small-draft") < 0, "the seed's metrics have no draft-model field");
    }
}

package llmbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PromptSource twoPrompts() {
        return new PromptSource() {
            @Override
            public List<ChatRequestBody.Message> forRequest(int i) {
                return List.of(new ChatRequestBody.Message("system", "Be brief."),
                        new ChatRequestBody.Message("user", "Question " + (i % 2)));
            }

            @Override
            public Integer targetTokens(int i) {
                return null;
            }

            @Override
            public int size() {
                return 2;
            }

            @Override
            public String describe() {
                return "two";
            }
        };
    }

    @Test
    void aPlainWorkloadSendsTheSimulationsOwnBodiesAndRecordsNothingExtra() throws Exception {
        Workload w = Workload.plain(twoPrompts(), 128, 3, "m", 0.7);
        JsonNode body = JSON.readTree(w.body(1));
        assertEquals(128, body.path("max_tokens").asInt());
        assertEquals("Question 1", body.at("/messages/1/content").asText());
        assertTrue(body.path("stream").asBoolean());
        assertTrue(body.at("/stream_options/include_usage").asBoolean());
        assertTrue(!body.has("ignore_eos"));
        assertNull(w.requested(1));
        assertEquals("Question 1", w.promptText(1));
    }

    @Test
    void aHeadGoesInFrontOfTheFirstMessageOfEachRequest() throws Exception {
        Workload w = Workload.plain(twoPrompts(), 64, 2, "m", 0.7).withHeads(4, i -> "Session s-n4i" + i + ".\n");
        assertEquals("Session s-n4i3.\nBe brief.", JSON.readTree(w.body(3)).at("/messages/0/content").asText());
        assertEquals("Question 1", JSON.readTree(w.body(3)).at("/messages/1/content").asText());
        assertEquals(64, JSON.readTree(w.body(3)).path("max_tokens").asInt());
    }

    @Test
    void aForcedBodyCarriesIgnoreEosAndMinTokensEqualToMaxTokens() throws Exception {
        JsonNode body = JSON.readTree(ChatRequestBody.streamingForced("m",
                List.of(new ChatRequestBody.Message("user", "x")), 256, 0.0));
        assertEquals(256, body.path("max_tokens").asInt());
        assertTrue(body.path("ignore_eos").asBoolean());
        assertEquals(256, body.path("min_tokens").asInt());
    }
}

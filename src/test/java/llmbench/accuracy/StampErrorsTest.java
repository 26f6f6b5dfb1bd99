package llmbench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StampErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    // send 1_000_000 µs; server received 1_002_000, first content 1_020_000, last 1_400_000, 21 tokens;
    // client first token 1_021_500, last content 1_399_000.
    private static final String CLIENT = "{\"response_id\":\"a\",\"send_epoch_us\":1000000,"
            + "\"first_token_epoch_us\":1021500,\"last_content_epoch_us\":1399000,\"error\":null}";
    private static final String TRUTH = "{\"id\":\"a\",\"received_epoch_us\":1002000,"
            + "\"first_content_written_epoch_us\":1020000,\"last_chunk_written_epoch_us\":1400000,"
            + "\"completion_tokens\":21}";

    @Test
    @SuppressWarnings("unchecked")
    void figuresOfOneRequestAreTheHandComputedDifferences() throws Exception {
        StampErrors e = new StampErrors();
        assertTrue(e.add(json(CLIENT), json(TRUTH)));
        Map<String, Object> m = e.toMap();
        // dispatch 1_002_000 - 1_000_000 = 2 ms
        assertEquals(2.0, ((Map<String, Double>) m.get("dispatch_ms")).get("p99"), 0.01);
        // TTFT error: client TTFT 21.5 ms - true TTFT (1_020_000 - 1_000_000 = 20 ms) = +1.5 ms
        assertEquals(1.5, ((Map<String, Double>) m.get("ttft_error_ms")).get("p50"), 1e-9);
        assertEquals(1.5, ((Map<String, Double>) m.get("first_token_stamp_error_ms")).get("p50"), 0.01);
        // last token: |1_399_000 - 1_400_000| = 1 ms
        assertEquals(1.0, ((Map<String, Double>) m.get("last_token_stamp_error_ms")).get("p50"), 0.01);
        // rates: 20 tokens over 377.5 ms (client) vs 380 ms (server): 380 / 377.5 - 1 = 0.6623 %
        assertEquals(0.6623, ((Map<String, Double>) m.get("token_rate_error_pct")).get("p50"), 1e-3);
        // server TTFT 1_020_000 - 1_002_000 = 18 ms
        assertEquals(18.0, ((Map<String, Double>) m.get("server_ttft_ms")).get("p50"), 0.02);
        assertEquals(1.5, e.absTtftErrorP99Ms(), 0.01);
    }

    @Test
    @SuppressWarnings("unchecked")
    void ttftErrorKeepsItsSignWhenTheClientStampPrecedesTheServerWrite() throws Exception {
        StampErrors e = new StampErrors();
        e.add(json(CLIENT.replace("1021500", "1019000")), json(TRUTH));
        assertEquals(-1.0, ((Map<String, Double>) e.toMap().get("ttft_error_ms")).get("p50"), 1e-9);
        assertEquals(1.0, ((Map<String, Double>) e.toMap().get("first_token_stamp_error_ms")).get("p50"), 0.01);
    }

    @Test
    void warmupFailedAndUnmatchedRequestsAreLeftOutAndCounted() throws Exception {
        StampErrors e = new StampErrors();
        assertFalse(e.add(json(CLIENT.replace("{", "{\"warmup\":true,")), json(TRUTH)));
        assertFalse(e.add(json(CLIENT.replace("\"error\":null", "\"error\":\"HTTP 500\"")), json(TRUTH)));
        assertFalse(e.add(json(CLIENT), null));
        Map<String, Object> m = e.toMap();
        assertEquals(0, m.get("matched"));
        assertEquals(1, m.get("failed"));
        assertEquals(1, m.get("unmatched"));
        assertTrue(((Map<?, ?>) m.get("dispatch_ms")).isEmpty());
    }
}

package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CounterDeltaTest {
    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void countersThatAreMissingGiveNoDeltaAndNoRate() throws Exception {
        JsonNode before = json("{\"cache_stats\":{\"cache_misses\":3,\"cache_hits_block\":\"n/a\"}}");
        JsonNode after = json("{\"cache_stats\":{\"cache_misses\":4,\"cache_hits_block\":\"n/a\"}}");
        assertEquals(1.0, CounterDelta.of(before, after, "cache_stats.cache_misses"));
        assertNull(CounterDelta.of(before, after, "cache_stats.cache_hits_block"));      // not a number
        assertNull(CounterDelta.of(before, after, "cache_stats.cache_hits_sequence"));   // not reported
        assertNull(CounterDelta.of(before, null, "cache_stats.cache_misses"));           // not read
        CacheDeltas d = CacheDeltas.between(before, after);
        assertEquals(1.0, d.misses());
        assertNull(d.hitRate());
    }

    @Test
    void specDecodeDeltasComeFromTheFourCumulativeCounters() throws Exception {
        JsonNode before = json("{\"total_proposed\":10,\"total_accepted\":4,\"total_bonus_tokens\":1,\"total_steps\":5}");
        JsonNode after = json("{\"total_proposed\":30,\"total_accepted\":19,\"total_bonus_tokens\":3,\"total_steps\":10}");
        SpecDecodeDeltas d = SpecDecodeDeltas.between(before, after);
        assertEquals(0.75, d.acceptanceRate());          // 15 / 20
        assertEquals(4.4, d.tokensPerStep(), 1e-12);     // (15 + 2 + 5) / 5
        assertNull(SpecDecodeDeltas.between(null, after).acceptanceRate());
    }
}

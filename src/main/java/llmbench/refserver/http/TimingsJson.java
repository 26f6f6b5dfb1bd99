package llmbench.refserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import llmbench.llama.EngineTimings;

/**
 * The {@code timings} object of llama.cpp's server, from the engine's own figures: {@code prompt_n},
 * {@code prompt_ms}, {@code prompt_per_second} = prompt_n·1000 / prompt_ms, {@code predicted_n},
 * {@code predicted_ms}, {@code predicted_per_second} = predicted_n·1000 / predicted_ms, {@code cache_n}. A rate
 * whose inputs are not positive is 0, as llama.cpp writes it.
 */
final class TimingsJson {
    private TimingsJson() {
    }

    static ObjectNode of(EngineTimings t) {
        ObjectNode o = Responses.JSON.createObjectNode();
        o.put("prompt_n", t.promptTokens());
        o.put("prompt_ms", t.promptMs());
        o.put("prompt_per_second", t.promptTokPerS() == null ? 0.0 : t.promptTokPerS());
        o.put("predicted_n", t.predictedTokens());
        o.put("predicted_ms", t.predictedMs());
        o.put("predicted_per_second", t.predictedTokPerS() == null ? 0.0 : t.predictedTokPerS());
        o.put("cache_n", t.cachedTokens());
        return o;
    }

    /** {@code , "timings": {...}} to splice into a chunk before its closing brace; empty without timings. */
    static byte[] member(EngineTimings t) {
        if (t == null) {
            return new byte[0];
        }
        return JsonText.ascii(", \"timings\": " + new String(Responses.bytes(of(t)), java.nio.charset.StandardCharsets.US_ASCII));
    }
}

package llmbench.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The longest request a target says it takes, where it says it: vLLM's {@code /v1/models}
 * {@code data[].max_model_len} and llama.cpp's {@code /props} {@code default_generation_settings.n_ctx}
 * (a slot's context: prompt and generated tokens together), or the reference server's {@code /health}
 * {@code max_prompt_tokens} (the prompt alone; it clamps {@code max_tokens} to what is left).
 *
 * @param tokens        the limit
 * @param includesOutput whether prompt and {@code max_tokens} together must fit
 * @param source        where it was read, for the refusal line
 */
public record ContextLimit(int tokens, boolean includesOutput, String source) {

    /** The target's limit, or null when it states none. Blocking: call it off Gatling's event loops. */
    public static ContextLimit of(ServerProbe probe) {
        JsonNode models = probe.jsonOrNull("/v1/models");
        if (models != null) {
            for (JsonNode m : models.path("data")) {
                if (m.path("max_model_len").canConvertToInt() && m.path("max_model_len").asInt() > 0) {
                    return new ContextLimit(m.path("max_model_len").asInt(), true, "max_model_len in /v1/models");
                }
            }
        }
        JsonNode health = probe.jsonOrNull("/health");
        if (health != null && health.path("max_prompt_tokens").canConvertToInt()) {
            return new ContextLimit(health.path("max_prompt_tokens").asInt(), false, "max_prompt_tokens in /health");
        }
        JsonNode props = probe.jsonOrNull("/props");
        JsonNode nCtx = props == null ? null : props.path("default_generation_settings").path("n_ctx");
        if (nCtx != null && nCtx.canConvertToInt() && nCtx.asInt() > 0) {
            return new ContextLimit(nCtx.asInt(), true, "default_generation_settings.n_ctx in /props");
        }
        return null;
    }

    /** Null when a prompt of {@code promptTokens} with {@code maxTokens} fits, else why not (one clause). */
    public String refusal(int promptTokens, int maxTokens) {
        if (includesOutput && promptTokens + maxTokens > tokens) {
            return promptTokens + " prompt + " + maxTokens + " output tokens exceed the server's context of "
                    + tokens + " tokens (" + source + ")";
        }
        if (!includesOutput && promptTokens > tokens) {
            return promptTokens + " prompt tokens exceed the server's limit of " + tokens + " tokens (" + source + ")";
        }
        return null;
    }
}

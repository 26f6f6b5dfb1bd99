package llmbench.refserver.engine;

import java.util.List;

/**
 * A generation request as an engine sees it: validated (types and ranges), model id already checked,
 * not yet checked against the engine's limits.
 *
 * @param prompt      the rendered prompt text (chat messages already rendered with the seed's template)
 * @param messages    chat: role and content of each message, for an engine with its own template; else empty
 * @param maxTokens   as sent, not yet checked or clamped
 * @param temperature clamped to [0, 2]
 * @param topP        clamped to [0, 1]
 * @param stop        stop strings
 * @param minTokens   end-of-sequence is not taken before this many tokens (vLLM's {@code min_tokens};
 *                    {@code ignore_eos} makes it max_tokens); 0 for none. Stop strings still end a request.
 */
public record EngineRequest(boolean chat, String prompt, List<Message> messages, long maxTokens,
                            double temperature, double topP, List<String> stop, long minTokens) {

    public EngineRequest(boolean chat, String prompt, List<Message> messages, long maxTokens, double temperature,
                         double topP, List<String> stop) {
        this(chat, prompt, messages, maxTokens, temperature, topP, stop, 0);
    }

    public record Message(String role, String content) {
    }
}

package llmbench.refserver.http;

import java.util.List;

/**
 * A validated chat or completion request, before the semantic (400) checks.
 *
 * @param prompt       the rendered prompt text (chat messages already rendered)
 * @param model        requested model id, "" when absent
 * @param maxTokens    as sent (default 512), not yet checked or clamped
 * @param temperature  clamped to [0, 2]
 * @param topP         clamped to [0, 1]
 * @param stop         stop strings (a single string becomes a one-element list)
 * @param messages     chat: role and content of each message (for an engine with its own template); else empty
 * @param minTokens    {@code min_tokens}, or max_tokens with {@code ignore_eos: true}; 0 when neither is sent
 */
record GenerationRequest(boolean chat, String prompt, String model, long maxTokens, double temperature,
                         double topP, boolean stream, List<String> stop, boolean includeUsage,
                         List<Message> messages, long minTokens) {

    record Message(String role, String content) {
    }
}

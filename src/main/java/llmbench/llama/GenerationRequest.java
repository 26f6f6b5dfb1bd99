package llmbench.llama;

import java.util.List;

/**
 * One generation: either a plain-text prompt or chat messages (exactly one is set), at most
 * {@code maxTokens} new tokens, sampling temperature ({@code 0} = greedy, deterministic), and stop strings
 * that end generation and are not part of the output; {@code ignoreEos}: the end-of-sequence token does not
 * end generation (llama.cpp's {@code ignore_eos}), so it runs to {@code maxTokens} or a stop string.
 */
public record GenerationRequest(String prompt, List<ChatMessage> messages, int maxTokens, double temperature,
                                List<String> stop, boolean ignoreEos) {

    public GenerationRequest(String prompt, List<ChatMessage> messages, int maxTokens, double temperature,
                             List<String> stop) {
        this(prompt, messages, maxTokens, temperature, stop, false);
    }

    public GenerationRequest {
        if ((prompt == null) == (messages == null)) {
            throw new IllegalArgumentException("give either a prompt or chat messages");
        }
        if (messages != null && messages.isEmpty()) {
            throw new IllegalArgumentException("chat messages must not be empty");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
        messages = messages == null ? null : List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (stop.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("stop strings must not be empty");
        }
    }

    public static GenerationRequest text(String prompt, int maxTokens) {
        return new GenerationRequest(prompt, null, maxTokens, 0.0, List.of());
    }

    public static GenerationRequest chat(List<ChatMessage> messages, int maxTokens) {
        return new GenerationRequest(null, messages, maxTokens, 0.0, List.of());
    }

    public GenerationRequest withTemperature(double t) {
        return new GenerationRequest(prompt, messages, maxTokens, t, stop, ignoreEos);
    }

    public GenerationRequest withStop(String... strings) {
        return new GenerationRequest(prompt, messages, maxTokens, temperature, List.of(strings), ignoreEos);
    }

    public boolean isChat() {
        return messages != null;
    }
}

package llmbench.llama;

/** One message of a chat prompt, as in an OpenAI {@code messages} array. */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("chat message role must not be blank");
        }
        if (content == null) {
            throw new IllegalArgumentException("chat message content must not be null");
        }
    }
}

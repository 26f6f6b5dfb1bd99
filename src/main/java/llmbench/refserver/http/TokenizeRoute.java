package llmbench.refserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /tokenize} in llama.cpp's shape: {@code {"content": "..."}} → {@code {"tokens": [ids]}}, the
 * text split by the engine's own tokenizer (the simulated engine's word tokenizer, or the llama model's),
 * without chat template or BOS, as llama.cpp answers without {@code add_special}; with
 * {@code "with_pieces": true} each token is {@code {"id", "piece"}} where the engine can say its piece (the
 * simulated one). A client that wants a chat request's count adds the template's tokens, which a 1-token
 * request's {@code usage.prompt_tokens} shows. Other fields are ignored.
 */
final class TokenizeRoute {
    private final ServerContext server;

    TokenizeRoute(ServerContext server) {
        this.server = server;
    }

    ObjectNode answer(ByteBuf body) {
        JsonNode root;
        try {
            root = body.isReadable() ? server.json().readTree((java.io.InputStream) new ByteBufInputStream(body)) : null;
        } catch (IOException e) {
            throw ApiError.validation(List.of("body -> 0: JSON decode error"));
        }
        JsonNode content = root == null ? null : root.get("content");
        if (content == null || !content.isTextual()) {
            throw ApiError.validation(List.of(content == null ? "body -> content: Field required"
                    : "body -> content: Input should be a valid string"));
        }
        boolean withPieces = root.path("with_pieces").asBoolean(false);
        String text = content.asText();
        int[] ids = server.engine().tokenize(text);
        ObjectNode out = server.json().createObjectNode();
        ArrayNode tokens = out.putArray("tokens");
        // pieces only where the ids are the word tokenizer's own (the simulated engine); else ids alone
        List<String> pieces = withPieces && java.util.Arrays.equals(ids, server.tokenizer().encode(text))
                ? server.tokenizer().pieces(text) : null;
        for (int i = 0; i < ids.length; i++) {
            if (pieces != null) {
                tokens.addObject().put("id", ids[i]).put("piece", pieces.get(i));
            } else {
                tokens.add(ids[i]);
            }
        }
        return out;
    }
}

package llmbench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmbench.config.BadInputException;

/** The cases of the plan's bench_memory (short, medium, long_context), each one streamed chat, from a JSON file. */
public final class MemoryPlan {
    private MemoryPlan() {
    }

    public static List<CaseSequence.Case> cases(String model, Path file, int maxTokens, double temperature,
                                                Duration pause) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("memory prompts " + file.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
        List<CaseSequence.Case> cases = new ArrayList<>();
        for (JsonNode c : root.path("cases")) {
            List<ChatRequestBody.Message> messages = new ArrayList<>();
            for (JsonNode m : c.path("messages")) {
                messages.add(new ChatRequestBody.Message(m.path("role").asText(), m.path("content").asText()));
            }
            if (c.path("name").asText().isEmpty() || messages.isEmpty()) {
                throw new BadInputException("memory prompts " + file + ": every case needs a name and messages");
            }
            cases.add(new CaseSequence.Case(c.path("name").asText(), CaseSequence.Kind.STREAM_CHAT,
                    ChatRequestBody.chat(model, messages, maxTokens, temperature, true, null), Map.of(), pause));
        }
        if (cases.isEmpty()) {
            throw new BadInputException("memory prompts " + file + " list no cases");
        }
        return cases;
    }
}

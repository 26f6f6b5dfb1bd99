package llmbench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmbench.config.BadInputException;

/**
 * The cases of the plan's bench_cache, in the seed's order: {@code cold_request} then, after a second,
 * {@code warm_request} with the identical message; {@code shared_prefix_suffix_a|b|c} (the paragraph as a
 * shared prefix, three different questions); {@code multi_turn_1|2|3} (the first 1, 3 and 5 messages of one
 * conversation). Every text starts with a per-run salt line so that the cold request really is cold — a
 * prefix cache cannot hold it from an earlier run.
 */
public final class CachePlan {
    public static final String COLD = "cold_request";
    public static final String WARM = "warm_request";
    private static final Duration COLD_TO_WARM = Duration.ofSeconds(1);

    private CachePlan() {
    }

    public static List<CaseSequence.Case> cases(String model, Path file, String salt, int maxTokens,
                                                double temperature, Duration pause) {
        JsonNode d = read(file);
        String saltLine = new PromptSalt(salt).line(null);
        String base = saltLine + d.path("base").asText();
        String coldWarm = base + "\n" + d.path("instruction").asText();
        List<CaseSequence.Case> cases = new ArrayList<>();
        Duration warmGap = pause.compareTo(COLD_TO_WARM) < 0 ? pause.multipliedBy(2) : COLD_TO_WARM;
        cases.add(chatCase(COLD, model, List.of(user(coldWarm)), maxTokens, temperature, Map.of(), warmGap));
        cases.add(chatCase(WARM, model, List.of(user(coldWarm)), maxTokens, temperature, Map.of(), pause));
        d.path("suffixes").fields().forEachRemaining(e -> cases.add(chatCase("shared_prefix_suffix_" + e.getKey(),
                model, List.of(user(base + "\n\n" + d.path("suffix_lead").asText() + e.getValue().asText())),
                maxTokens, temperature, Map.of(), pause)));
        List<ChatRequestBody.Message> conversation = new ArrayList<>();
        int turn = 0;
        for (JsonNode m : d.path("conversation")) {
            String content = (turn == 0 ? saltLine : "") + m.path("content").asText();
            conversation.add(new ChatRequestBody.Message(m.path("role").asText(), content));
            turn++;
        }
        int[] lengths = {1, 3, 5};
        for (int i = 0; i < lengths.length && lengths[i] <= conversation.size(); i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("num_messages", lengths[i]);
            cases.add(chatCase("multi_turn_" + (i + 1), model, conversation.subList(0, lengths[i]), maxTokens,
                    temperature, fields, pause));
        }
        return cases;
    }

    private static CaseSequence.Case chatCase(String name, String model, List<ChatRequestBody.Message> messages,
                                              int maxTokens, double temperature, Map<String, Object> fields,
                                              Duration pause) {
        return new CaseSequence.Case(name, CaseSequence.Kind.STREAM_CHAT,
                ChatRequestBody.chat(model, messages, maxTokens, temperature, true, null), fields, pause);
    }

    private static ChatRequestBody.Message user(String text) {
        return new ChatRequestBody.Message("user", text);
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode d = new ObjectMapper().readTree(file.toFile());
            if (!d.path("base").isTextual() || !d.path("suffixes").isObject() || !d.path("conversation").isArray()) {
                throw new BadInputException("cache texts " + file.toAbsolutePath()
                        + " need base, instruction, suffix_lead, suffixes and conversation");
            }
            return d;
        } catch (IOException e) {
            throw new BadInputException("cache texts " + file.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
    }
}

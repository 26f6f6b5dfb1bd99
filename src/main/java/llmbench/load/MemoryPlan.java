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
 * The cases of the plan's bench_memory, each one streamed chat: the seed's short, medium and long_context from a
 * JSON file, then the prompt-size sweep {@code prompt_<N>} built from the news passages.
 */
public final class MemoryPlan {
    /**
     * The client has no tokenizer, so a sized prompt is built to {@code N × 4} characters, the usual rule of
     * thumb for English under BPE vocabularies (the reference server's tokenizer counts the news passages at
     * about 4.3 characters per token). The server's own {@code prompt_tokens} is recorded beside the target.
     */
    public static final int CHARS_PER_TOKEN = 4;
    public static final String TASK = "Summarise the passages above in three sentences.";

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

    /**
     * One case {@code prompt_<N>} per size: a salt line naming the run's salt and the case (so that a prefix
     * cache cannot serve it from an earlier case or run), the passages in order, repeated when the corpus is
     * short and the last one cut at a word, then {@link #TASK}; about {@code N × CHARS_PER_TOKEN} characters.
     */
    public static List<CaseSequence.Case> promptSizeCases(String model, PromptCorpus passages, List<Integer> sizes,
                                                          String salt, int maxTokens, double temperature,
                                                          Duration pause) {
        List<CaseSequence.Case> cases = new ArrayList<>();
        for (int n : sizes) {
            String name = "prompt_" + n;
            String text = sizedPrompt(passages, n, "Session " + salt + ", case " + name + ".");
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("target_prompt_tokens", n);
            fields.put("prompt_chars", text.length());
            cases.add(new CaseSequence.Case(name, CaseSequence.Kind.STREAM_CHAT, ChatRequestBody.chat(model,
                    List.of(new ChatRequestBody.Message("user", text)), maxTokens, temperature, true, null),
                    fields, pause));
        }
        return cases;
    }

    static String sizedPrompt(PromptCorpus passages, int tokens, String saltLine) {
        long budget = (long) tokens * CHARS_PER_TOKEN;
        String tail = "\n\n" + TASK;
        StringBuilder b = new StringBuilder(saltLine).append("\n\n");
        for (int i = 0; ; i++) {
            long room = budget - b.length() - tail.length();
            String next = passages.forRequest(i) + "\n\n";
            if (room <= 0) {
                break;
            }
            if (next.length() <= room) {
                b.append(next);
            } else {
                int cut = next.lastIndexOf(' ', (int) room);
                b.append(next, 0, Math.max(cut, 0));
                break;
            }
        }
        return b.toString().stripTrailing() + tail;
    }
}

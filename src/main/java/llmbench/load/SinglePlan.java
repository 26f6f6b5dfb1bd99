package llmbench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmbench.config.BadInputException;

/**
 * The cases of the plan's bench_single, in the seed's order: for each prompt key, a non-streamed chat, a
 * streamed chat and a streamed completion of the same text; then streamed chats of the short prompt at each
 * max_tokens of {@code single.lengths}.
 */
public final class SinglePlan {
    private SinglePlan() {
    }

    /** @param salt put in front of each case's prompt, tagged with the case's name ({@link PromptSalt#NONE}: none) */
    public static List<CaseSequence.Case> cases(String model, Path promptDir, List<String> keys, int maxTokens,
                                                List<Integer> lengths, double temperature, Duration pause,
                                                PromptSalt salt) {
        List<CaseSequence.Case> cases = new ArrayList<>();
        for (String key : keys) {
            String prompt = read(promptDir.resolve(key + ".txt"));
            Map<String, Object> fields = fields(key, maxTokens);
            String chat = "non_streaming_chat_" + key;
            cases.add(new CaseSequence.Case(chat, CaseSequence.Kind.RESPONSE_CHAT,
                    ChatRequestBody.chat(model, List.of(new ChatRequestBody.Message("user", salt.apply(chat, prompt))),
                            maxTokens, temperature, false, null), fields, pause));
            String stream = "streaming_chat_" + key;
            cases.add(new CaseSequence.Case(stream, CaseSequence.Kind.STREAM_CHAT,
                    ChatRequestBody.streaming(model, salt.apply(stream, prompt), maxTokens, temperature), fields, pause));
            String completion = "streaming_completion_" + key;
            cases.add(new CaseSequence.Case(completion, CaseSequence.Kind.STREAM_COMPLETION,
                    ChatRequestBody.completion(model, salt.apply(completion, prompt), maxTokens, temperature, true),
                    fields, pause));
        }
        String shortPrompt = read(promptDir.resolve("short.txt"));
        for (int n : lengths) {
            String name = "scaling_max_tokens_" + n;
            cases.add(new CaseSequence.Case(name, CaseSequence.Kind.STREAM_CHAT,
                    ChatRequestBody.streaming(model, salt.apply(name, shortPrompt), n, temperature), fields("short", n),
                    pause));
        }
        return cases;
    }

    private static Map<String, Object> fields(String key, int maxTokens) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("prompt_key", key);
        f.put("max_tokens", maxTokens);
        return f;
    }

    static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new BadInputException("prompt file " + file.toAbsolutePath() + " is empty");
            }
            return text;
        } catch (IOException e) {
            throw new BadInputException("prompt file " + file.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
    }
}

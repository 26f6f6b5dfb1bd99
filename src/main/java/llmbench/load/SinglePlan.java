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

    public static List<CaseSequence.Case> cases(String model, Path promptDir, List<String> keys, int maxTokens,
                                                List<Integer> lengths, double temperature, Duration pause) {
        List<CaseSequence.Case> cases = new ArrayList<>();
        for (String key : keys) {
            String prompt = read(promptDir.resolve(key + ".txt"));
            Map<String, Object> fields = fields(key, maxTokens);
            cases.add(new CaseSequence.Case("non_streaming_chat_" + key, CaseSequence.Kind.RESPONSE_CHAT,
                    ChatRequestBody.chat(model, List.of(new ChatRequestBody.Message("user", prompt)), maxTokens,
                            temperature, false, null), fields, pause));
            cases.add(new CaseSequence.Case("streaming_chat_" + key, CaseSequence.Kind.STREAM_CHAT,
                    ChatRequestBody.streaming(model, prompt, maxTokens, temperature), fields, pause));
            cases.add(new CaseSequence.Case("streaming_completion_" + key, CaseSequence.Kind.STREAM_COMPLETION,
                    ChatRequestBody.completion(model, prompt, maxTokens, temperature, true), fields, pause));
        }
        String shortPrompt = read(promptDir.resolve("short.txt"));
        for (int n : lengths) {
            cases.add(new CaseSequence.Case("scaling_max_tokens_" + n, CaseSequence.Kind.STREAM_CHAT,
                    ChatRequestBody.streaming(model, shortPrompt, n, temperature), fields("short", n), pause));
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

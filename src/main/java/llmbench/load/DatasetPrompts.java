package llmbench.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmbench.config.BadInputException;

/**
 * Prompts from a dataset file, in file order, in either of the two common forms:
 * <ul>
 *   <li>OpenAI chat JSONL: one {@code {"messages": [{"role", "content"}, ...]}} object per line (blank lines
 *       skipped; a line may also hold one ShareGPT record);</li>
 *   <li>ShareGPT JSON: one array of {@code {"conversations": [{"from": "human"|"gpt"|"system", "value"}, ...]}}
 *       records ({@code human} → user, {@code gpt} → assistant; {@code user}/{@code assistant}/{@code system}
 *       are taken as they are).</li>
 * </ul>
 * A request sends a record's turns up to and including its last user turn (the reply after it is what the
 * server is to generate). Any record that is not one of these — not JSON, no turns, a turn without a known
 * role or a string text, no user turn — is refused with its line number, before anything starts.
 */
public final class DatasetPrompts implements PromptSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ROLES = Map.of("human", "user", "user", "user", "gpt", "assistant",
            "assistant", "assistant", "system", "system", "chatgpt", "assistant", "bing", "assistant", "bard", "assistant");

    private final Path file;
    private final List<List<ChatRequestBody.Message>> records;

    private DatasetPrompts(Path file, List<List<ChatRequestBody.Message>> records) {
        this.file = file;
        this.records = records;
    }

    public static DatasetPrompts read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("dataset.file " + file + " cannot be read: " + e.getMessage());
        }
        List<List<ChatRequestBody.Message>> out = text.stripLeading().startsWith("[")
                ? shareGptArray(file, text) : jsonLines(file, text);
        if (out.isEmpty()) {
            throw new BadInputException("dataset.file " + file + " holds no records");
        }
        return new DatasetPrompts(file, List.copyOf(out));
    }

    private static List<List<ChatRequestBody.Message>> jsonLines(Path file, String text) {
        List<List<ChatRequestBody.Message>> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode record;
            try {
                record = JSON.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                throw bad(file, i + 1, "not JSON (" + e.getOriginalMessage() + ")");
            }
            out.add(conversation(file, i + 1, record));
        }
        return out;
    }

    private static List<List<ChatRequestBody.Message>> shareGptArray(Path file, String text) {
        List<List<ChatRequestBody.Message>> out = new ArrayList<>();
        try (JsonParser p = JSON.getFactory().createParser(text)) {
            p.nextToken(); // START_ARRAY
            while (true) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    break;
                }
                int line = p.currentTokenLocation().getLineNr();
                if (t == null) {
                    throw bad(file, line, "the JSON array is not closed");
                }
                JsonNode record = JSON.readTree(p);
                out.add(conversation(file, line, record));
            }
        } catch (JsonProcessingException e) {
            throw bad(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new BadInputException("dataset.file " + file + " cannot be read: " + e.getMessage());
        }
        return out;
    }

    /** A record's turns up to its last user turn; {@code line} is where the record starts. */
    static List<ChatRequestBody.Message> conversation(Path file, int line, JsonNode record) {
        JsonNode turns;
        String roleField;
        String textField;
        if (record != null && record.path("messages").isArray()) {
            turns = record.get("messages");
            roleField = "role";
            textField = "content";
        } else if (record != null && record.path("conversations").isArray()) {
            turns = record.get("conversations");
            roleField = "from";
            textField = "value";
        } else {
            throw bad(file, line, "expected {\"messages\": [...]} or {\"conversations\": [...]}");
        }
        List<ChatRequestBody.Message> messages = new ArrayList<>();
        int lastUser = -1;
        for (int i = 0; i < turns.size(); i++) {
            JsonNode turn = turns.get(i);
            String role = ROLES.get(turn.path(roleField).asText(""));
            if (role == null) {
                throw bad(file, line, "turn " + (i + 1) + " has no known " + roleField + " (user, assistant, system; "
                        + "ShareGPT: human, gpt)");
            }
            if (!turn.path(textField).isTextual()) {
                throw bad(file, line, "turn " + (i + 1) + " has no string " + textField);
            }
            messages.add(new ChatRequestBody.Message(role, turn.get(textField).asText()));
            if (role.equals("user")) {
                lastUser = i;
            }
        }
        if (lastUser < 0) {
            throw bad(file, line, "no user turn to send");
        }
        if (messages.get(lastUser).content().isBlank()) {
            throw bad(file, line, "the last user turn is empty");
        }
        return List.copyOf(messages.subList(0, lastUser + 1));
    }

    private static BadInputException bad(Path file, int line, String why) {
        return new BadInputException("dataset.file " + file + " line " + line + ": " + why);
    }

    @Override
    public List<ChatRequestBody.Message> forRequest(int i) {
        return records.get(Math.floorMod(i, records.size()));
    }

    @Override
    public Integer targetTokens(int i) {
        return null;
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public String describe() {
        return records.size() + " dataset records from " + file;
    }
}

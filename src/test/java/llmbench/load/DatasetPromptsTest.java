package llmbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import llmbench.config.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetPromptsTest {
    private static ChatRequestBody.Message m(String role, String content) {
        return new ChatRequestBody.Message(role, content);
    }

    @Test
    void chatJsonLinesSendEveryTurnUpToTheLastUserTurn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.jsonl");
        Files.writeString(f, """
                {"messages": [{"role": "user", "content": "Hi"}]}

                {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "A?"}, {"role": "assistant", "content": "B."}, {"role": "user", "content": "C?"}, {"role": "assistant", "content": "the reply"}]}
                {"conversations": [{"from": "human", "value": "Share?"}]}
                """);
        DatasetPrompts d = DatasetPrompts.read(f);
        assertEquals(3, d.size());
        assertEquals(List.of(m("user", "Hi")), d.forRequest(0));
        assertEquals(List.of(m("system", "Be brief."), m("user", "A?"), m("assistant", "B."), m("user", "C?")),
                d.forRequest(1));
        assertEquals(List.of(m("user", "Share?")), d.forRequest(2));
        assertEquals(List.of(m("user", "Hi")), d.forRequest(3), "request i gets record i mod n");
        assertNull(d.targetTokens(0));
    }

    @Test
    void shareGptJsonMapsHumanAndGptToUserAndAssistant(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.json");
        Files.writeString(f, """
                [
                  {"id": "a", "conversations": [{"from": "system", "value": "S"}, {"from": "human", "value": "Q1"},
                                                {"from": "gpt", "value": "A1"}, {"from": "human", "value": "Q2"},
                                                {"from": "gpt", "value": "A2"}]},
                  {"id": "b", "conversations": [{"from": "human", "value": "Only"}]}
                ]
                """);
        DatasetPrompts d = DatasetPrompts.read(f);
        assertEquals(2, d.size());
        assertEquals(List.of(m("system", "S"), m("user", "Q1"), m("assistant", "A1"), m("user", "Q2")), d.forRequest(0));
        assertEquals(List.of(m("user", "Only")), d.forRequest(1));
    }

    @Test
    void aBadJsonLineIsRefusedWithItsLineNumber(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.jsonl");
        Files.writeString(f, "{\"messages\": [{\"role\": \"user\", \"content\": \"ok\"}]}\n\n{\"messages\": [\n");
        String msg = assertThrows(BadInputException.class, () -> DatasetPrompts.read(f)).getMessage();
        assertEquals("dataset.file " + f + " line 3: not JSON", msg.substring(0, msg.indexOf(" (")));
    }

    @Test
    void aRecordWithoutAUserTurnOrWithAnUnknownRoleIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.jsonl");
        Files.writeString(f, "{\"messages\": [{\"role\": \"user\", \"content\": \"ok\"}]}\n"
                + "{\"messages\": [{\"role\": \"assistant\", \"content\": \"only a reply\"}]}\n");
        assertEquals("dataset.file " + f + " line 2: no user turn to send",
                assertThrows(BadInputException.class, () -> DatasetPrompts.read(f)).getMessage());
        Files.writeString(f, "{\"prompt\": \"not a chat\"}\n");
        assertEquals("dataset.file " + f + " line 1: expected {\"messages\": [...]} or {\"conversations\": [...]}",
                assertThrows(BadInputException.class, () -> DatasetPrompts.read(f)).getMessage());
        Files.writeString(f, "{\"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}\n");
        assertEquals("dataset.file " + f + " line 1: turn 1 has no known role (user, assistant, system; ShareGPT: human, gpt)",
                assertThrows(BadInputException.class, () -> DatasetPrompts.read(f)).getMessage());
    }

    @Test
    void aBadShareGptRecordIsRefusedWithTheLineItStartsOn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.json");
        Files.writeString(f, """
                [
                  {"conversations": [{"from": "human", "value": "fine"}]},
                  {"conversations": [{"from": "human", "value": 42}]}
                ]
                """);
        assertEquals("dataset.file " + f + " line 3: turn 1 has no string value",
                assertThrows(BadInputException.class, () -> DatasetPrompts.read(f)).getMessage());
    }

    @Test
    void theShippedDatasetsParse() {
        assertEquals(30, DatasetPrompts.read(Path.of("simulations-data/datasets/chat.jsonl")).size());
        assertEquals(14, DatasetPrompts.read(Path.of("simulations-data/datasets/sharegpt.json")).size());
    }
}

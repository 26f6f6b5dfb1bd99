package llmbench.refserver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    /** A "\n" token (a line or paragraph break of the model) goes out as the two characters \ and n. */
    @Test
    void newlineTokensAreEscapedAsInPythonsJsonDumps() {
        assertEquals("\"\\n\"", new String(JsonText.quoted("\n"), StandardCharsets.US_ASCII));
        assertEquals("\"end.\\n\\nNext\"", new String(JsonText.quoted("end.\n\nNext"), StandardCharsets.US_ASCII));
    }
}

package llmbench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import llmbench.timing.RequestRecord;

/** The request logs under src/test/resources/fixtures ({@code <name>_requests.jsonl}), read as a run's records. */
final class RecordedRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedRequests() {
    }

    static List<RequestRecord> read(String name) {
        try {
            return Files.readAllLines(Path.of("src/test/resources/fixtures/" + name + "_requests.jsonl")).stream()
                    .map(line -> {
                        try {
                            return RecordJson.fromJson(JSON.readTree(line));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package llmbench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import llmbench.config.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessAccuracyMainTest {
    @TempDir
    Path dir;

    private static final String TRUTH = "{\"requests\":["
            + "{\"id\":\"s1\",\"received_epoch_us\":1000,\"first_content_written_epoch_us\":21000,"
            + "\"last_chunk_written_epoch_us\":101000,\"completion_tokens\":5},"
            + "{\"id\":\"n1\",\"received_epoch_us\":1000,\"first_content_written_epoch_us\":21000,"
            + "\"last_chunk_written_epoch_us\":101000,\"completion_tokens\":5}]}";

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void suiteRatioIsItsAbsoluteTtftErrorP99OverTheOtherHarnesssAtTheSameStreamCount() throws Exception {
        Path truth = file("truth.json", TRUTH);
        // suite: first token 2 ms after the server's write; naive: 8 ms after it
        Path suite = file("suite.jsonl", "{\"response_id\":\"s1\",\"send_epoch_us\":0,\"first_token_epoch_us\":23000,"
                + "\"last_content_epoch_us\":101000,\"error\":null}\n");
        Path naive = file("naive.jsonl", "{\"response_id\":\"n1\",\"send_epoch_us\":0,\"first_token_epoch_us\":29000,"
                + "\"last_content_epoch_us\":101000,\"error\":null}\n");
        Path lag = file("lag.json", "{\"steps\":50,\"emit_lag_p50_us\":100,\"emit_lag_p99_us\":1500,\"emit_lag_max_us\":2000}");
        Path runs = file("runs.tsv", "suite\t2\t" + suite + "\t" + truth + "\t" + lag + "\n"
                + "naive\t2\t" + naive + "\t" + truth + "\t" + dir.resolve("absent.json") + "\n");
        List<HarnessAccuracyMain.Level> read = HarnessAccuracyMain.readLevels(runs);
        assertEquals(0.25, HarnessAccuracyMain.ratios(read).get("suite").get("2").get("naive"), 0.001); // 2 ms / 8 ms
        assertEquals(1.5, read.get(0).runs().get(0).emitLagMs().get("p99"));
        assertTrue(read.get(1).runs().get(0).emitLagMs().isEmpty());
        String md = HarnessAccuracyMain.markdown(read, "");
        assertTrue(md.contains("| suite | 2 | 1 | 1 | 1.00 / 1.00 | 2.00 / 2.00 |"), md);
        assertTrue(md.contains("k=2: suite TTFT abs. error p99 / other harness's: naive 0.25 (per repeat 0.25)"), md);
    }

    @Test
    void repeatsOfAHarnessArePooledAndTheirRatiosPairedRepeatByRepeat() throws Exception {
        // repeat 1: suite 2 ms late, naive 8 ms; repeat 2: suite 6 ms late, naive 3 ms
        Path truth1 = file("truth1.json", TRUTH);
        Path truth2 = file("truth2.json", TRUTH.replace("\"s1\"", "\"s2\"").replace("\"n1\"", "\"n2\""));
        Path suite1 = file("suite1.jsonl", "{\"response_id\":\"s1\",\"send_epoch_us\":0,\"first_token_epoch_us\":23000,\"error\":null}\n");
        Path naive1 = file("naive1.jsonl", "{\"response_id\":\"n1\",\"send_epoch_us\":0,\"first_token_epoch_us\":29000,\"error\":null}\n");
        Path suite2 = file("suite2.jsonl", "{\"response_id\":\"s2\",\"send_epoch_us\":0,\"first_token_epoch_us\":27000,\"error\":null}\n");
        Path naive2 = file("naive2.jsonl", "{\"response_id\":\"n2\",\"send_epoch_us\":0,\"first_token_epoch_us\":24000,\"error\":null}\n");
        Path lag = dir.resolve("absent.json");
        Path runs = file("runs.tsv", "suite\t4\t" + suite1 + "\t" + truth1 + "\t" + lag + "\t1\n"
                + "naive\t4\t" + naive1 + "\t" + truth1 + "\t" + lag + "\t1\n"
                + "suite\t4\t" + suite2 + "\t" + truth2 + "\t" + lag + "\t2\n"
                + "naive\t4\t" + naive2 + "\t" + truth2 + "\t" + lag + "\t2\n");
        List<HarnessAccuracyMain.Level> read = HarnessAccuracyMain.readLevels(runs);
        assertEquals(2, read.size());
        assertEquals(2, read.get(0).pooled().matched());
        assertEquals(List.of(2.0, 6.0), read.get(0).p99PerRepeat().stream().map(v -> Math.round(v * 100) / 100.0).toList());
        // pooled p99 of {2, 6} is 6 ms, of {8, 3} 8 ms
        assertEquals(0.75, HarnessAccuracyMain.ratios(read).get("suite").get("4").get("naive"), 0.01);
        List<Double> perRepeat = HarnessAccuracyMain.ratiosPerRepeat(read).get("suite").get("4").get("naive");
        assertEquals(0.25, perRepeat.get(0), 0.01);
        assertEquals(2.0, perRepeat.get(1), 0.01);
    }

    @Test
    void aRunLineWithoutFiveOrSixFieldsIsRefused() throws Exception {
        Path runs = file("runs.tsv", "suite\t2\tonly-three\n");
        assertThrows(BadInputException.class, () -> HarnessAccuracyMain.readLevels(runs));
    }
}

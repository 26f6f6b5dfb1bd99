package llmbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import llmbench.timing.RequestLabels;
import llmbench.timing.RequestRecord;
import org.junit.jupiter.api.Test;

class PhaseProgressTest {
    /** A stream sent at {@code sendUs}, handed over 1 s later, with 100 prompt + 100 completion tokens. */
    private static RequestRecord stream(String caseName, int run, long sendUs, String error) {
        return new RequestRecord(new RequestLabels("Test", caseName, run, 0, false), "id", sendUs, sendUs + 10,
                sendUs + 100_000, sendUs + 900_000, error == null ? sendUs + 1_000_000 : null, sendUs + 1_000_000,
                100, 100, "usage", 100, 100, 100, "length", 200, error);
    }

    @Test
    void eachPhaseGetsOneLineWhenTheNextBeginsAndTheLastWhenTheRunEnds() {
        List<RequestRecord> records = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PhaseProgress p = new PhaseProgress(() -> List.copyOf(records), new PrintStream(out, true, StandardCharsets.UTF_8));
        records.add(stream("batch k=2", 1, 0, null));
        records.add(stream("batch k=2", 1, 0, "stream ended or timed out before data: [DONE]"));
        p.poll(false);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "a phase still going prints nothing yet");
        records.add(stream("batch k=2", 2, 5_000_000, null));
        p.poll(false);
        records.add(stream("batch k=2", 2, 5_000_000, null));
        p.finish();
        // run 1: one successful stream, 200 tokens over 1 s of wall clock; run 2: two, 400 tokens over 1 s
        assertEquals(List.of("gatling-llm-bench: batch k=2 run 1: 2/2 streams done (1 failed), 200 tok/s",
                "gatling-llm-bench: batch k=2 run 2: 2/2 streams done (0 failed), 400 tok/s"),
                out.toString(StandardCharsets.UTF_8).lines().toList());
    }
}

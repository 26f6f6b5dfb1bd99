package llmbench.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the checked-in reference-server results (Batch k = 1..8, Single, Concurrent 1/3/5/8). */
class ResultsDirTest {
    private static ResultsDir.Loaded load(Path tmp) throws IOException {
        Path dir = CapacityModelMainTest.fixture(tmp);
        String f = "bench_concurrent_baseline_20261130_063702.json";
        try (var in = ResultsDirTest.class.getResourceAsStream("/capacity/default/" + f)) {
            Files.copy(in, dir.resolve(f));
        }
        Files.writeString(dir.resolve("bench_batch_baseline_20261130_070000_partial.json"), "{\"partial\": true}");
        return ResultsDir.read(dir);
    }

    @Test
    void batchPointsCarryTheFilesOwnFigures(@TempDir Path tmp) throws IOException {
        ResultsDir.Loaded l = load(tmp);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), l.points().stream().map(Measured.Point::k).toList());
        Measured.Point k3 = l.points().get(2);
        assertEquals(1036.85, k3.aggregateTokS(), 1e-9);
        assertEquals(0.0289, k3.ttftP50S(), 1e-9);
        assertEquals(57.26, k3.decodeTokS(), 1e-9);
        assertEquals(2, k3.batches().size());
        assertEquals(3, k3.batches().get(0).requests().size());
    }

    /** Batch sends passage i as request i in every run: k = 2's run 1 repeats passage 0 (sent at k = 1), not passage 1. */
    @Test
    void aBatchPromptIsARepeatWhenItsPassageWasSentEarlierInTheFile(@TempDir Path tmp) throws IOException {
        ResultsDir.Loaded l = load(tmp);
        assertFalse(l.points().get(0).batches().get(0).requests().get(0).repeat());
        assertTrue(l.points().get(0).batches().get(1).requests().get(0).repeat());
        List<Measured.Request> k2run1 = l.points().get(1).batches().get(0).requests();
        assertTrue(k2run1.get(0).repeat());
        assertFalse(k2run1.get(1).repeat());
    }

    @Test
    void concurrentLevelsArriveAtTheirSendTimesAndSingleCompletionsAreLeftOut(@TempDir Path tmp) throws IOException {
        ResultsDir.Loaded l = load(tmp);
        List<Measured.Batch> conc = l.others().stream().filter(b -> b.source().equals("concurrent")).toList();
        assertEquals(List.of(1, 3, 5, 8), conc.stream().map(Measured.Batch::k).toList());
        assertFalse(conc.get(3).sentAtOnce());
        assertEquals(8, conc.get(3).requests().size());
        // Single: 14 cases, of which 8 streamed chat (3 non-streamed have no TTFT, 3 completions are left out)
        assertEquals(8, l.others().stream().filter(b -> b.source().equals("single")).count());
        assertTrue(l.notes().stream().anyMatch(n -> n.contains("3 completion-route cases left out")), l.notes().toString());
        assertEquals(3, l.files().size(), "the partial file is not read");
    }

    /**
     * The cache-busted run (2026-11-30 07:26, -Dcache.bust default on): a salt line per request, so no prompt
     * repeats, and the server's own cached count per request (the 16-token shared head, 0 for the first).
     */
    @Test
    void aSaltedFileHasNoRepeatsAndKeepsTheServersCachedCounts(@TempDir Path tmp) throws IOException {
        ResultsDir.Loaded l = ResultsDir.read(bustFixture(tmp));
        assertTrue(l.points().stream().flatMap(p -> p.batches().stream()).flatMap(b -> b.requests().stream())
                .noneMatch(Measured.Request::repeat));
        List<Measured.Request> k1 = l.points().get(0).batches().stream().flatMap(b -> b.requests().stream()).toList();
        assertEquals(List.of(0, 16), k1.stream().map(Measured.Request::cachedTokens).toList());
        assertEquals(0.7951, l.points().get(7).figures().get(Prediction.TTFT_P95), 1e-9);
    }

    static Path bustFixture(Path tmp) throws IOException {
        Path dir = tmp.resolve("bust");
        Files.createDirectories(dir);
        for (String f : new String[] {"bench_batch_baseline_20261130_072600.json", "bench_single_baseline_20261130_072735.json"}) {
            try (var in = ResultsDirTest.class.getResourceAsStream("/capacity/default-bust/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir;
    }
}

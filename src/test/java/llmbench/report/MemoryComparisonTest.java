package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MemoryComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ResultFile memory(String label, String results) throws Exception {
        return new ResultFile(Path.of("bench_memory_" + label + ".json"), "bench_memory", label, label, false,
                JSON.readTree("{\"benchmark\": \"bench_memory\", \"results\": " + results + "}"));
    }

    private static String kvCase(String name, long before, long after, int usedBlocksAfter) {
        return "{\"test_name\": \"" + name + "\", \"health_after\": {\"cache_stats\": {\"used_blocks\": " + usedBlocksAfter
                + "}}, \"memory\": {\"source\": \"health.memory\", \"unit\": \"bytes\", \"before\": " + before
                + ", \"after\": " + after + ", \"delta\": " + (after - before) + "}}";
    }

    @Test
    void kvBytesAddedPerCaseAreComparedNotWhatEarlierTestsLeftCached() throws Exception {
        // Baseline's pool was already full from earlier tests (used blocks 1000+); fp8's was empty.
        ResultFile base = memory("baseline", "[" + kvCase("short", 5_000_000, 5_200_000, 1001) + ","
                + kvCase("long", 5_200_000, 6_000_000, 1010) + "]");
        ResultFile fp8 = memory("fp8", "[" + kvCase("short", 0, 104_000, 1) + "," + kvCase("long", 104_000, 520_000, 5)
                + "," + kvCase("only_fp8", 520_000, 900_000, 9) + "]");

        MemoryComparison c = MemoryComparison.of(base, fp8);

        // Cases both have: baseline (200,000 + 800,000) / 2 = 500,000; fp8 (104,000 + 416,000) / 2 = 260,000.
        assertEquals("KV bytes added per case", c.measure());
        assertEquals(2, c.cases());
        assertEquals(500_000, c.baseline(), 1e-9);
        assertEquals(260_000, c.label(), 1e-9);
        assertEquals(48.0, c.reductionPct(), 1e-9);
    }

    @Test
    void theSeedsFilesFallBackToUsedBlocksWithTheirCaveat() throws Exception {
        ResultFile base = memory("baseline", "[{\"test_name\": \"short\", \"health_after\": {\"cache_stats\": {\"used_blocks\": 40}}},"
                + "{\"test_name\": \"long\", \"health_after\": {\"cache_stats\": {\"used_blocks\": 60}}}]");
        ResultFile fp8 = memory("fp8", "[{\"test_name\": \"short\", \"health_after\": {\"cache_stats\": {\"used_blocks\": 30}}},"
                + "{\"test_name\": \"long\", \"health_after\": {\"cache_stats\": {\"used_blocks\": 40}}}]");

        MemoryComparison c = MemoryComparison.of(base, fp8);

        // (40 + 60) / 2 = 50 vs (30 + 40) / 2 = 35: 30 % less.
        assertEquals("blocks", c.unit());
        assertEquals(30.0, c.reductionPct(), 1e-9);
        assertEquals("mean used KV blocks after each case over 2 case(s) 50.0 blocks (baseline) vs 35.0 blocks (fp8), "
                + "a reduction of 30.0 % (block-pool figures, not bytes, and they include blocks earlier tests of the "
                + "phase left cached)", c.describe("fp8"));
    }
}

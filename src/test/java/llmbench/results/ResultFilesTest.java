package llmbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import llmbench.files.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {
    private static final ZonedDateTime T = ZonedDateTime.of(2026, 2, 14, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void namesFollowThePlanBenchNameLabelTimestamp(@TempDir Path dir) {
        ResultFiles f = ResultFiles.reserve(dir, "bench_batch", "baseline", T);
        assertEquals("bench_batch_baseline_20260214_120000.json", f.result().getFileName().toString());
        assertEquals("bench_batch_baseline_20260214_120000_partial.json", f.partial().getFileName().toString());
    }

    @Test
    void aSecondRunInTheSameSecondGetsItsOwnFilesAndLeavesTheFirstAlone(@TempDir Path dir) throws Exception {
        ResultFiles first = ResultFiles.reserve(dir, "bench_batch", "baseline", T);
        Files.writeString(first.result(), "{\"kept\":true}");
        ResultFiles second = ResultFiles.reserve(dir, "bench_batch", "baseline", T);
        assertNotEquals(first.result(), second.result());
        assertEquals("{\"kept\":true}", Files.readString(first.result()));
    }

    @Test
    void writtenFilesAreReadableByOthersLikeAnyOrdinaryFile(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("r.json");
        AtomicFiles.createNew(p, "{}");
        AtomicFiles.replace(dir.resolve("p.json"), "{}");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("p.json"))));
    }

    @Test
    void createNewNeverReplacesAnExistingFile(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("x.json");
        Files.writeString(p, "old");
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.createNew(p, "new"));
        assertEquals("old", Files.readString(p));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file is left behind");
        }
    }
}

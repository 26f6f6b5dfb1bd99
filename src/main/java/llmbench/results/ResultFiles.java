package llmbench.results;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import llmbench.config.BadInputException;

/**
 * The files of one benchmark run, all sharing one stem {@code bench_<name>_<label>_<YYYYMMDD_HHMMSS>} (UTC):
 * {@code <stem>.json} (the result), {@code <stem>_partial.json} (kept current while the run is alive,
 * removed when the result is written) and {@code <stem>_requests.jsonl} (one line per request). The stem is
 * reserved by creating the JSON-lines file exclusively, so two runs in the same second never share files
 * and nothing already in the results directory is replaced.
 */
public final class ResultFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private final Path dir;
    private final String stem;

    private ResultFiles(Path dir, String stem) {
        this.dir = dir;
        this.stem = stem;
    }

    public static ResultFiles reserve(Path dir, String benchmark, String label, ZonedDateTime start) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException("results.dir " + dir + " cannot be created: " + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new BadInputException("results.dir " + dir + " is not writable");
        }
        String base = benchmark + "_" + label + "_" + STAMP.format(start.withZoneSameInstant(ZoneOffset.UTC));
        for (int attempt = 0; attempt < 1000; attempt++) {
            String stem = attempt == 0 ? base : base + "_" + attempt;
            ResultFiles files = new ResultFiles(dir, stem);
            if (Files.exists(files.result()) || Files.exists(files.partial())) {
                continue;
            }
            try {
                Files.createFile(files.requests());
                return files;
            } catch (FileAlreadyExistsException e) {
                // another run took this stem: try the next one
            } catch (IOException e) {
                throw new BadInputException("cannot create " + files.requests() + ": " + e.getMessage());
            }
        }
        throw new BadInputException("no free result file name for " + base + " in " + dir);
    }

    public String stem() {
        return stem;
    }

    public Path result() {
        return dir.resolve(stem + ".json");
    }

    public Path partial() {
        return dir.resolve(stem + "_partial.json");
    }

    public Path requests() {
        return dir.resolve(stem + "_requests.jsonl");
    }
}

package llmbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import llmbench.config.BadInputException;
import llmbench.files.AtomicFiles;

/**
 * {@code ReportMain [--results-dir DIR] [--out DIR]}: reads every benchmark JSON of DIR (default
 * {@code /tmp/kimi-bench-results}) and writes {@code <out>/<YYYYMMDD>/index.html} and {@code report.md}
 * (default out {@code reports}, date UTC). Bad input ends with one line on stderr and exit status 2.
 */
public final class ReportMain {
    static final String DEFAULT_RESULTS = "/tmp/kimi-bench-results";
    static final String DEFAULT_OUT = "reports";

    private ReportMain() {
    }

    public static void main(String[] args) {
        try {
            Path page = run(args, ZonedDateTime.now(ZoneOffset.UTC));
            System.out.println("gatling-llm-bench: report -> " + page.toAbsolutePath());
            System.out.println("gatling-llm-bench: markdown -> " + page.resolveSibling("report.md").toAbsolutePath());
        } catch (BadInputException e) {
            System.err.println("gatling-llm-bench: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Writes the report and returns the path of index.html. */
    public static Path run(String[] args, ZonedDateTime now) {
        Path results = Path.of(DEFAULT_RESULTS);
        Path out = Path.of(DEFAULT_OUT);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.equals("--results-dir") && !a.equals("--out")) {
                throw new BadInputException("unknown argument '" + a + "' (usage: ReportMain [--results-dir DIR] [--out DIR])");
            }
            if (i + 1 >= args.length || args[i + 1].isBlank()) {
                throw new BadInputException(a + " needs a directory");
            }
            Path p = Path.of(args[++i]);
            if (a.equals("--results-dir")) {
                results = p;
            } else {
                out = p;
            }
        }
        ResultsReader.Loaded loaded = ResultsReader.read(results);
        if (loaded.files().isEmpty()) {
            throw new BadInputException("no benchmark result files (*.json with a known \"benchmark\") in " + results);
        }
        List<Block> blocks = ReportContent.build(results, loaded, now);
        Path dir = out.resolve(now.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8));
        try {
            AtomicFiles.replace(dir.resolve("index.html"), HtmlReport.render(blocks));
            AtomicFiles.replace(dir.resolve("report.md"), MarkdownReport.render(blocks));
        } catch (IOException e) {
            throw new BadInputException("cannot write the report in " + dir + ": " + e.getMessage(), e);
        }
        return dir.resolve("index.html");
    }
}

package llmbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import llmbench.config.BadInputException;
import llmbench.files.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ReportMain [--results-dir DIR] [--out DIR]}: reads every benchmark JSON of DIR (default
 * {@code /tmp/kimi-bench-results}) and writes {@code <out>/<YYYYMMDD>/index.html} and {@code report.md}
 * (default out {@code reports}, date UTC). Arguments are parsed by picocli. Bad input ends with one line on
 * stderr and exit status 2.
 */
public final class ReportMain {
    static final String DEFAULT_RESULTS = "/tmp/kimi-bench-results";
    static final String DEFAULT_OUT = "reports";

    @Command(name = "ReportMain", description = "Builds the cross-phase report of a results directory.")
    static final class Args {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        boolean help;

        @Option(names = "--results-dir", paramLabel = "DIR", description = "benchmark result files (default: ${DEFAULT-VALUE})")
        Path results = Path.of(DEFAULT_RESULTS);

        @Option(names = "--out", paramLabel = "DIR", description = "report folder; the page goes to DIR/<YYYYMMDD>/ (default: ${DEFAULT-VALUE})")
        Path out = Path.of(DEFAULT_OUT);
    }

    private ReportMain() {
    }

    public static void main(String[] args) {
        if (CommandLineArgs.helpAsked(new Args(), args)) {
            return;
        }
        try {
            Path page = run(args, ZonedDateTime.now(ZoneOffset.UTC));
            System.out.println("gatling-llm-bench: report -> " + page.toAbsolutePath());
            System.out.println("gatling-llm-bench: markdown -> " + page.resolveSibling("report.md").toAbsolutePath());
        } catch (BadInputException e) {
            System.err.println("gatling-llm-bench: error: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Writes the report and returns the path of index.html. */
    public static Path run(String[] args, ZonedDateTime now) {
        Args a = CommandLineArgs.parse(new Args(), args);
        Path results = a.results;
        Path out = a.out;
        ResultsReader.Loaded loaded = ResultsReader.read(results);
        if (loaded.files().isEmpty()) {
            throw new BadInputException("no benchmark result files (*.json with a known \"benchmark\") in " + results);
        }
        for (String skipped : loaded.skipped()) {
            // the page lists them too, but a corrupt result file must not pass unnoticed on the console
            System.err.println("gatling-llm-bench: note: skipped " + skipped);
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

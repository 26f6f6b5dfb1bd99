package llmbench.report;

import static llmbench.report.Fmt.fixed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import llmbench.config.BadInputException;
import llmbench.metrics.SpecDecodeDeltas;
import llmbench.files.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code SweepTable --results-dir DIR [--labels L1,L2,...] [--out FILE]}: the n-gram sweep as Markdown, from the
 * bench_ngram files of DIR labelled {@code ngram<N>_k<K>[_t<T>]} (the latest final file per label). One row per
 * combination: acceptance = Σaccepted / Σproposed and tokens per step ({@link SpecDecodeDeltas}) over the
 * deltas of every row, rate = mean generation tok/s of the successful rows ({@link Measures#ngramRate}, the
 * rate {@link NgramAnswers} ranks by); then the best combination per category (highest mean generation tok/s
 * in it) and overall (highest rate). {@code --labels} fixes the rows (a label without a file is a row of n/a).
 * Prints the table; writes it to FILE too when given. Arguments are parsed by picocli. Bad input: one line on
 * stderr, exit 2.
 */
public final class SweepTable {
    /** ngram-max, K and the optional acceptance threshold of a sweep label. */
    static final Pattern LABEL = Pattern.compile(".*ngram(\\d+)_k(\\d+)(?:_t(\\d*\\.?\\d+))?.*");

    private SweepTable() {
    }

    /** One combination; {@code file} is null when the sweep has no file for it. */
    record Row(String label, int ngramMax, int k, String threshold, ResultFile file, SpecDecodeDeltas spec,
               Double rate, List<Measures.Category> categories) {
        String combination() {
            return "ngram-max " + ngramMax + ", K " + k + (threshold == null ? "" : ", threshold " + threshold);
        }
    }

    @Command(name = "SweepTable", description = "Prints the n-gram sweep table of a results directory.")
    static final class Args {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        boolean help;

        @Option(names = "--results-dir", paramLabel = "DIR", required = true, description = "bench_ngram result files")
        Path results;

        @Option(names = "--labels", paramLabel = "A,B", split = ",", description = "the rows, in any order (default: every sweep label in DIR)")
        List<String> labels;

        @Option(names = "--out", paramLabel = "FILE", description = "also write the table here")
        Path out;
    }

    public static void main(String[] args) {
        if (CommandLineArgs.helpAsked(new Args(), args)) {
            return;
        }
        try {
            System.out.print(run(args));
        } catch (BadInputException e) {
            System.err.println("gatling-llm-bench: error: " + e.getMessage());
            System.exit(2);
        }
    }

    static String run(String[] args) {
        Args a = CommandLineArgs.parse(new Args(), args);
        Path results = a.results;
        Path out = a.out;
        List<String> labels = a.labels == null ? null : List.copyOf(a.labels);
        String md = render(rows(new Select(ResultsReader.read(results).files()), labels), results.toString());
        if (out != null) {
            try {
                AtomicFiles.replace(out, md);
            } catch (IOException e) {
                throw new BadInputException("cannot write " + out + ": " + e.getMessage(), e);
            }
        }
        return md;
    }

    /**
     * The sweep's combinations: every labelled bench_ngram configuration, or exactly {@code labels} when not
     * null; ordered by ngram-max, K, then threshold (the server default first).
     */
    static List<Row> rows(Select select, List<String> labels) {
        Map<String, ResultFile> byLabel = new LinkedHashMap<>();
        for (ResultFile f : select.latestPerConfig("bench_ngram")) {
            // a ..._dynamic run (run_plan.sh phase 3d) measures the controller, not a combination of the sweep
            if (f.label() != null && LABEL.matcher(f.label()).matches() && !NgramAnswers.dynamic(f)) {
                byLabel.put(f.label(), f);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String label : labels == null ? List.copyOf(byLabel.keySet()) : labels) {
            Matcher m = LABEL.matcher(label);
            if (!m.matches()) {
                throw new BadInputException("label '" + label + "' is not ngram<N>_k<K>[_t<T>]");
            }
            ResultFile f = byLabel.get(label);
            List<Measures.Category> cats = f == null ? List.of() : Measures.ngramByCategory(f);
            rows.add(new Row(label, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), f,
                    f == null ? new SpecDecodeDeltas(null, null, null, null) : Measures.spec(Measures.ngram(f)),
                    f == null ? null : Measures.ngramRate(f), cats));
        }
        rows.sort(Comparator.comparingInt(Row::ngramMax).thenComparingInt(Row::k)
                .thenComparing(r -> r.threshold() == null ? -1.0 : Double.parseDouble(r.threshold())));
        return rows;
    }

    /** The row with the highest rate; empty when no row has one. The first such row wins a tie. */
    static Optional<Row> best(List<Row> rows) {
        Row best = null;
        for (Row r : rows) {
            if (r.rate() != null && (best == null || r.rate() > best.rate())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    static String render(List<Row> rows, String source) {
        StringBuilder b = new StringBuilder("# N-gram sweep\n\n");
        b.append(rows.size()).append(" combination(s) from ").append(source)
                .append(" (bench_ngram files labelled ngram<N>_k<K>[_t<T>], the latest per label).\n\n");
        b.append("| label | ngram-max | K | threshold | acceptance % | tokens/step | effective tok/s | file |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.label()).append(" | ").append(r.ngramMax()).append(" | ").append(r.k())
                    .append(" | ").append(r.threshold() == null ? "server default" : r.threshold())
                    .append(" | ").append(pct(r.spec().acceptanceRate()))
                    .append(" | ").append(fixed(r.spec().tokensPerStep(), 2))
                    .append(" | ").append(fixed(r.rate(), 2))
                    .append(" | ").append(r.file() == null ? "n/a (no file)" : r.file().fileName()).append(" |\n");
        }
        List<String> categories = new ArrayList<>();
        rows.forEach(r -> r.categories().forEach(c -> {
            if (!categories.contains(c.name())) {
                categories.add(c.name());
            }
        }));
        b.append("\n## Best per category\n\n| category | best | effective tok/s | acceptance % |\n|---|---|---|---|\n");
        for (String name : categories) {
            Row bestRow = null;
            Measures.Category bestCat = null;
            for (Row r : rows) {
                for (Measures.Category c : r.categories()) {
                    if (c.name().equals(name) && c.genTokS() != null && (bestCat == null || c.genTokS() > bestCat.genTokS())) {
                        bestRow = r;
                        bestCat = c;
                    }
                }
            }
            b.append("| ").append(name).append(" | ")
                    .append(bestRow == null ? "n/a" : bestRow.label()).append(" | ")
                    .append(fixed(bestCat == null ? null : bestCat.genTokS(), 2)).append(" | ")
                    .append(pct(bestCat == null ? null : bestCat.acceptance())).append(" |\n");
        }
        Optional<Row> best = best(rows);
        b.append("\n**Best overall:** ").append(best.map(r -> r.label() + " (" + r.combination() + "): "
                + fixed(r.rate(), 2) + " tok/s mean generation rate, acceptance " + pct(r.spec().acceptanceRate()) + " %")
                .orElse("n/a (no combination has generation rates)")).append(".\n\n");
        b.append("Effective tok/s = mean generation_tok_s of a file's successful requests; acceptance = Σaccepted / "
                + "Σproposed and tokens/step = (Σaccepted + Σbonus + Σsteps) / Σsteps, from the spec-decode counter "
                + "deltas around each request. n/a = not in the files. One run per combination: differences of a few "
                + "percent are within run-to-run noise; check them against the setup.\n");
        return b.toString();
    }

    private static String pct(Double rate) {
        return fixed(rate == null ? null : rate * 100, 1);
    }
}

package llmbench.report;

import static llmbench.report.Fmt.num;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import llmbench.report.Block.Cell;

/**
 * Everything the page says, in order: the key questions answered, the charts, the seed's extract_results tables,
 * per-run detail, the files read (with links to their Gatling reports), and the caveat.
 */
public final class ReportContent {
    private ReportContent() {
    }

    public static List<Block> build(Path resultsDir, ResultsReader.Loaded loaded, ZonedDateTime now) {
        SeedExtract.Summary summary = SeedExtract.of(loaded.files());
        List<Block> b = new ArrayList<>();
        b.add(new Block.Heading(1, "gatling-llm-bench: cross-phase report", "top"));
        b.add(new Block.Para("Results directory " + resultsDir + ", " + loaded.files().size() + " result files read, "
                + "generated " + now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "."));

        b.add(new Block.Heading(2, "Key questions", "answers"));
        KeyAnswers.of(loaded.files(), summary, loaded.textLogs()).forEach(a -> b.add(new Block.AnswerBlock(a)));

        b.add(new Block.Heading(2, "Charts", "charts"));
        Charts.of(loaded.files(), summary).forEach(c -> b.add(new Block.ChartBlock(c)));
        ModelPredictions.add(b, resultsDir);

        b.add(new Block.Heading(2, "Cross-phase comparison (extract_results view)", "seed"));
        b.add(new Block.Para("The seed's extract_results.py tables over the same files: five metrics per result row, "
                + "per phase the mean of values above 0 over all rows (_overall), and the percent change vs baseline "
                + "(N/A when either is 0)."));
        List<String> phases = new ArrayList<>(summary.byPhase().keySet());
        List<String> head = new ArrayList<>(List.of("metric"));
        phases.forEach(p -> head.add(Phases.display(p)));
        List<List<Cell>> rows = new ArrayList<>();
        for (String m : SeedExtract.FIVE) {
            List<Cell> r = new ArrayList<>(List.of(Cell.of(m)));
            phases.forEach(p -> r.add(Cell.of(num(summary.overall(p, m)))));
            rows.add(r);
        }
        b.add(new Block.Table(head, rows));

        b.add(new Block.Heading(3, "Delta vs baseline", "delta"));
        List<String> others = phases.stream().filter(p -> !p.equals(Phases.BASELINE)).toList();
        if (others.isEmpty() || !phases.contains(Phases.BASELINE)) {
            b.add(new Block.Para(phases.contains(Phases.BASELINE) ? "Only baseline files: nothing to compare."
                    : "No baseline files: no deltas."));
        } else {
            List<String> dh = new ArrayList<>(List.of("metric"));
            others.forEach(p -> dh.add(Phases.display(p)));
            List<List<Cell>> dr = new ArrayList<>();
            for (String m : SeedExtract.FIVE) {
                List<Cell> r = new ArrayList<>(List.of(Cell.of(m)));
                others.forEach(p -> r.add(Cell.of(Fmt.pct(summary.deltaVsBaseline(p, m)))));
                dr.add(r);
            }
            b.add(new Block.Table(dh, dr));
        }

        b.add(new Block.Heading(3, "Per-benchmark detail", "detail"));
        List<String> ph = new ArrayList<>(List.of("phase", "benchmark"));
        ph.addAll(SeedExtract.FIVE);
        List<List<Cell>> pr = new ArrayList<>();
        summary.byPhase().forEach((phase, benches) -> benches.forEach((bench, vals) -> {
            if (!bench.equals(SeedExtract.OVERALL)) {
                List<Cell> r = new ArrayList<>(List.of(Cell.of(Phases.display(phase)), Cell.of(bench)));
                SeedExtract.FIVE.forEach(m -> r.add(Cell.of(num(vals.get(m)))));
                pr.add(r);
            }
        }));
        b.add(new Block.Table(ph, pr));

        batchDetail(b, loaded.files());
        Capacity.add(b, loaded.files());
        files(b, loaded, summary);

        b.add(new Block.Heading(2, "Caveat", "caveat"));
        b.add(new Block.Para("Numbers are data: check them against the setup. Each figure comes from the file named "
                + "beside it; runs against the embedded reference server measure a simulated model, not an inference "
                + "engine. Partial files are included in the extract_results tables (as the seed's tool does) but "
                + "answer a key question only when no final file exists."));
        return b;
    }

    private static void batchDetail(List<Block> b, List<ResultFile> files) {
        List<ResultFile> batch = new Select(files).latestPerConfig("bench_batch");
        if (batch.isEmpty()) {
            return;
        }
        b.add(new Block.Heading(3, "Batch scaling per k", "batch"));
        for (ResultFile f : batch) {
            b.add(new Block.Para(f.fileName() + " (" + f.config() + ")"));
            List<List<Cell>> rows = new ArrayList<>();
            for (Measures.BatchPoint p : Measures.batch(f)) {
                rows.add(List.of(Cell.of(String.valueOf(p.k())), Cell.of(num(p.throughput())),
                        Cell.of(num(p.avgLatency())), Cell.of(num(p.p95Latency())), Cell.of(num(p.speedup()))));
            }
            b.add(new Block.Table(List.of("k", "avg_aggregate_throughput_tok_s", "avg_per_request_latency_s",
                    "p95_per_request_latency_s", "speedup_vs_k1"), rows));
        }
    }

    private static void files(List<Block> b, ResultsReader.Loaded loaded, SeedExtract.Summary summary) {
        b.add(new Block.Heading(2, "Files read", "files"));
        List<List<Cell>> rows = new ArrayList<>();
        for (ResultFile f : loaded.files()) {
            String run = f.gatlingRunDir();
            Cell link = run == null ? Cell.of("(seed script: none)")
                    : new Cell("Gatling report", Path.of(run).resolve("index.html").toUri().toString());
            rows.add(List.of(Cell.of(f.fileName()), Cell.of(f.benchmark()), Cell.of(f.label() == null ? "" : f.label()),
                    Cell.of(Phases.display(f.phase())), Cell.of(f.partial() ? "yes" : ""),
                    Cell.of(f.root().path("timestamp").asText("")),
                    Cell.of(String.valueOf(summary.rows().stream().filter(r -> r.file() == f).count())), link));
        }
        b.add(new Block.Table(List.of("file", "benchmark", "label", "phase", "partial", "timestamp",
                "extract_results rows", "Gatling report"), rows));
        for (String s : loaded.skipped()) {
            b.add(new Block.Para("Skipped " + s));
        }
    }
}

/**
 * The cross-run report: {@link llmbench.report.ReportMain} reads every benchmark JSON of a results directory
 * (ours and the seed scripts' own, all formats of the seed spec §5) through {@link llmbench.report.ResultsReader},
 * reproduces the seed's extract_results.py view in {@link llmbench.report.SeedExtract} (phase detection,
 * five-metric derivation, per-phase averages, delta vs baseline), answers the test plan's key questions in
 * {@link llmbench.report.KeyAnswers}, builds ECharts options in {@link llmbench.report.Charts}, and writes
 * {@code index.html} ({@link llmbench.report.HtmlReport}, the chart library inlined so it opens offline) and
 * its Markdown twin {@code report.md} ({@link llmbench.report.MarkdownReport}). {@link llmbench.report.SweepTable}
 * is the n-gram sweep's own table (sweep_ngram.sh runs it), ranked the way the report's n-gram answers rank.
 */
package llmbench.report;

/**
 * How true a harness's client stamps are, against the reference server's ground truth
 * ({@code GET /debug/requests}): one harness run's stamp file (JSONL, one line per request with
 * {@code response_id}, {@code send_epoch_us}, {@code first_token_epoch_us}, {@code last_content_epoch_us})
 * is matched to the server's records by response id and reduced to {@link llmbench.accuracy.StampErrors}.
 * {@link llmbench.accuracy.HarnessAccuracyMain} turns the runs of {@code launchers/bench_harness_accuracy.sh}
 * (the suite, a naive Gatling SSE simulation and a seed-style Python harness at several stream counts) into
 * one Markdown table and one JSON file. The quantities are defined once, in {@link llmbench.accuracy.StampErrors}.
 */
package llmbench.accuracy;

/**
 * The capacity model: a per-server performance model fitted to benchmark results, which predicts loads
 * that were not run ("what happens at 12 users?", "how many users fit within TTFT p95 ≤ 2 s?") and
 * measures its own error on the user's data.
 *
 * <p>Pipeline: {@link llmbench.capacity.ResultsDir} reads Batch (needed), Single, Concurrent and rate-sweep
 * result files (a rate's requests from its {@code _requests.jsonl}, with their sends) into {@link
 * llmbench.capacity.Measured} requests; {@link llmbench.capacity.CapacityFitter} replays
 * them through {@link llmbench.capacity.StepSimulator} — a continuous-batching loop whose step lasts
 * α + β·d + c·p — and fits o, α, β, c by least squares ({@link llmbench.capacity.LeastSquares}), choosing
 * the prefill budget per step (and prefix reuse, where the server did not report its cached tokens) by grid search; {@link llmbench.capacity.CapacityModel}
 * predicts a {@link llmbench.capacity.Workload} with intervals ({@link llmbench.capacity.Prediction});
 * {@link llmbench.capacity.OpenLoad} replays an open load (a rate's arrivals) through the same step loop and
 * gives the loop's throughput capacity; {@link llmbench.capacity.RatePrediction} predicts an unmeasured rate from
 * seeded Poisson schedules; {@link llmbench.capacity.CrossValidation} holds out one batch size, or one offered
 * rate, at a time ({@code cv_mape});
 * {@link llmbench.capacity.SloQuery} answers "max users within an objective"; {@link
 * llmbench.capacity.CapacityModelMain} is the command. Why this form: docs/capacity-model.md.
 *
 * <p>For the report page, {@link llmbench.capacity.ModelOnResults} fits every Batch point of a results
 * directory and gives the measured points, the leave-one-k-out and leave-one-rate-out errors and "max users within an objective"
 * from the model and from the measurements; {@code CapacityModel.fromResultsDir} gives the fitted object alone;
 * {@code predict(k)} and {@code predict(Workload)} return figures with standard errors and 95 % intervals.
 */
package llmbench.capacity;

/**
 * Load: what is sent. {@link llmbench.load.StreamingRequest} is the one streamed request every simulation uses
 * and {@link llmbench.load.ResponseRequest} the one non-streamed request; prompt corpora and the pieces a
 * simulation composes its load from live here: {@link llmbench.load.BatchFeeder} (what a batch's users are
 * fed), {@link llmbench.load.BatchRelease} (a batch's users, connected ahead, sending together),
 * {@link llmbench.load.ConcurrencyPlan} (a level's request budget and its users' loop),
 * {@link llmbench.load.CaseSequence} (one request at a time, counters read around each case),
 * {@link llmbench.load.ApiPlan} (the seed's API checks as Gatling checks), the open-model pieces of
 * RateSweepSimulation ({@link llmbench.load.ArrivalSchedule}: seeded arrival offsets; {@link llmbench.load.RatePlan}
 * and {@link llmbench.load.RatePoint}: the rates, their phases and intended send instants;
 * {@link llmbench.load.RateUsers}: what one arrival's user does; {@link llmbench.load.SweepGuard}: early stop),
 * {@link llmbench.load.Warmup} (the target's warm-up requests; the client's own warm-up is {@link
 * llmbench.load.warmup}) and
 * {@link llmbench.load.InOrder} (populations one after another). What each request sends is a
 * {@link llmbench.load.Workload}: prompts from a {@link llmbench.load.PromptSource} (the suite's corpora,
 * {@link llmbench.load.SyntheticPrompts} calibrated to exact token counts against the target's own counts by
 * {@link llmbench.load.PromptCalibrator} and {@link llmbench.load.ServerTokenCounter}, or
 * {@link llmbench.load.DatasetPrompts}), drawn {@code max_tokens}, and what it asked, recorded per request. The injection profiles themselves
 * ({@code atOnceUsers}, pauses, {@code andThen}) are written in the simulations, where a reader sees them.
 */
package llmbench.load;

/**
 * Load: what is sent and when. {@link llmbench.load.StreamingRequest} is the one streamed request every
 * simulation uses and {@link llmbench.load.ResponseRequest} the one non-streamed request; prompt corpora and
 * plans live here, and so do the load shapes: {@link llmbench.load.BatchPlan} (k simultaneous users per
 * batch), {@link llmbench.load.ConcurrencyPlan} (exactly N requests in flight per level),
 * {@link llmbench.load.CaseSequence} (one request at a time, counters read around each case) and
 * {@link llmbench.load.ApiPlan} (the seed's API checks as Gatling checks).
 */
package llmbench.load;

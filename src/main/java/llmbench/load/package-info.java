/**
 * Load: what is sent and when. {@link llmbench.load.StreamingRequest} is the one streamed request every
 * simulation uses; prompt corpora and feeders live here, and so do the load shapes
 * ({@link llmbench.load.BatchPlan}: k simultaneous users per batch, batches one after another).
 */
package llmbench.load;

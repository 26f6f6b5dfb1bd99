/**
 * What the reference server knows about each request it served, for checking a client's measurements:
 * {@link llmbench.refserver.groundtruth.GroundTruth} (received, first content and last chunk written, in
 * epoch microseconds) and the bounded log that {@code GET /debug/requests} reads,
 * {@link llmbench.refserver.groundtruth.GroundTruthLog}.
 */
package llmbench.refserver.groundtruth;

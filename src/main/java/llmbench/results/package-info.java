/**
 * Result files. Per-request records go to a JSON-lines file as they arrive ({@link llmbench.results.RecordLog},
 * on its own thread so Gatling's event loops never block on disk); a converter per benchmark turns the
 * records into the seed-compatible benchmark JSON; {@link llmbench.results.ResultFiles} names and writes
 * everything atomically, keeps a {@code _partial} file current while a run is alive, and never replaces a
 * file that is already there.
 */
package llmbench.results;

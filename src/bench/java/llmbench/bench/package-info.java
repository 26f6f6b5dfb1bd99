/**
 * Benchmarks, compiled with the tests but not shipped in main code: {@code server} measures the reference
 * server's stream capacity, {@code client} the suite's own timing accuracy. Run them with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=...} (see BENCHMARKS.md).
 */
package llmbench.bench;

/**
 * One benchmark run from a simulation's point of view, in order: read and validate the options, ready the
 * target, reserve the result files, hand Gatling its protocol and request, and at the end convert the
 * records into the result file ({@link llmbench.run.BenchmarkRun}). Bad input ends the run here with one
 * line and exit status 3 ({@link llmbench.run.Fatal}).
 */
package llmbench.run;

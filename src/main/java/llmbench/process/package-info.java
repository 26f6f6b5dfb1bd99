/**
 * Child processes, started, waited for and stopped one way wherever the suite runs one: the lifecycle
 * harness's shell commands ({@code lifecycle.harness.Commands}) and the benchmarks' standalone reference
 * server ({@code bench.server.ServerProcess}). Depends on nothing else in the project.
 */
package llmbench.process;

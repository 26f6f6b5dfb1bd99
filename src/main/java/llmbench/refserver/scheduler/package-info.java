/**
 * The continuous-batching scheduler. {@link llmbench.refserver.scheduler.StepPlanner} decides what a
 * step does (admission up to the batch size, one decode token per running sequence, the chunked-prefill
 * budget in arrival order); {@link llmbench.refserver.scheduler.BatchScheduler} runs those steps on its
 * own thread for as long as the performance profile says and hands each step's tokens to the
 * sequences' {@link llmbench.refserver.scheduler.TokenSink}s when the step ends. No per-request timers
 * or sleeps exist: all timing comes from the step loop.
 */
package llmbench.refserver.scheduler;

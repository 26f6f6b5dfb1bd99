/**
 * The continuous-batching scheduler. {@link llmbench.refserver.scheduler.StepPlanner} decides what a
 * step does (admission up to the batch size while the KV cache has room, one decode token per running
 * sequence, the chunked-prefill budget in arrival order); {@link llmbench.refserver.scheduler.BatchScheduler}
 * runs those steps on its own thread for as long as the performance profile says — with
 * {@link llmbench.refserver.scheduler.Speculation} turning a decode step into a speculative one — and
 * hands each step's tokens to the sequences' {@link llmbench.refserver.scheduler.TokenSink}s when the
 * step ends. No sleeps exist here: all token timing comes from the step loop (the HTTP layer's
 * timeout timers only end requests).
 */
package llmbench.refserver.scheduler;

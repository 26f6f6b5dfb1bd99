/**
 * Target lifecycle: which server a run measures and for how long it lives. With {@code -Dtarget.url} the
 * target is an external OpenAI-compatible server that is only probed (an unreachable one is refused with the
 * true reason); without it the embedded reference server is started on a free loopback port before the run
 * and stopped after it, serving one model id (any other {@code -Dtarget.model} is refused).
 * {@link llmbench.lifecycle.StreamCapacity} checks before a run that its simultaneous streams fit the
 * open-file limit and the embedded server's queue.
 */
package llmbench.lifecycle;

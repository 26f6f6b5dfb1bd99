/**
 * Target lifecycle: which server a run measures and for how long it lives. With {@code -Dtarget.url} the
 * target is an external OpenAI-compatible server that is only probed; without it the embedded reference
 * server is started on a free loopback port before the run and stopped after it.
 */
package llmbench.lifecycle;

/**
 * What the reference server "generates" and how it counts tokens. {@link llmbench.refserver.model.Tokenizer}
 * is the one token rule of the project; {@link llmbench.refserver.model.TextGenerator} is the small
 * interface the scheduler drives, implemented by {@link llmbench.refserver.model.NgramTextModel}, a word
 * n-gram model built over the request's own context and blended with a built-in English corpus. The
 * blend leans on the context the more repetitive it is, so a later n-gram speculative decoder finds
 * acceptance where the content makes it likely, not where a test arranged it.
 */
package llmbench.refserver.model;

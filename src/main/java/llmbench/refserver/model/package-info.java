/**
 * What the reference server "generates" and how it counts tokens. {@link llmbench.refserver.model.Tokenizer}
 * is the one token rule of the project; {@link llmbench.refserver.model.TextGenerator} is the small
 * interface the scheduler drives, implemented by {@link llmbench.refserver.model.NgramTextModel}, a word
 * n-gram model built over the request's own context and blended with a built-in English corpus. The
 * blend leans on the context the more repetitive it is, so a later n-gram speculative decoder finds
 * acceptance where the content makes it likely, not where a test arranged it. On top of the n-grams,
 * {@link llmbench.refserver.model.ContextSalience} copies salient prompt words (rare against the
 * {@link llmbench.refserver.model.Lexicon}, name-like, related to the latest turn) at sentence boundaries,
 * the generator breaks its prose into paragraphs, and {@link llmbench.refserver.model.FormulaicLines} turns
 * the answer to a structured request (digits, symbols, a quoted format template) into rows that copy the
 * previous row.
 */
package llmbench.refserver.model;

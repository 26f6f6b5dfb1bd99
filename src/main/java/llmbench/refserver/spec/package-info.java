/**
 * Speculative decoding as in the seed server (its §4): the n-gram prompt-lookup proposer, the dynamic
 * controller that sets the draft length and switches speculation off when acceptance drops, and the
 * metrics of {@code GET /v1/spec_decode/metrics}. Verification happens in the scheduler against the text
 * model's own next tokens, so acceptance follows from the content.
 */
package llmbench.refserver.spec;

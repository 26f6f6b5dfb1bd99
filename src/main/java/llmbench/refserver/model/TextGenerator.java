package llmbench.refserver.model;

/**
 * The reference server's "model": turns a rendered prompt into a stream of token pieces.
 *
 * <p>Contract: {@link #begin} may do work proportional to the prompt (it is called off the scheduler
 * thread); the returned {@link Generation} is then driven by one thread at a time. With
 * {@code temperature == 0} two generations of the same prompt and sampling settings yield the same
 * pieces.
 */
public interface TextGenerator {

    Generation begin(String prompt, Sampling sampling);

    /** One sequence being generated. */
    interface Generation {
        /** Returned by {@link #nextPiece()} for the end-of-sequence token; compare by identity. */
        String EOS = new String("<eos>");

        /**
         * The next token piece: a string that the {@link Tokenizer} counts as exactly one token, or
         * {@link #EOS}. Never returns null or an empty string.
         */
        String nextPiece();
    }
}

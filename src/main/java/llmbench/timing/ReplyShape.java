package llmbench.timing;

/**
 * The form of a reply, for API conformance checks (the seed's test_api_comprehensive.py): the {@code object}
 * of its first parsed chunk (or of the response), how many chunks parsed as JSON, and whether each of the
 * first three parsed chunks carried {@code id} and {@code object}.
 */
public record ReplyShape(String object, int parsedChunks, boolean firstThreeHaveIdAndObject) {
}

package llmbench.load;

/** The case name of a batch of k simultaneous requests, e.g. {@code "batch k=3"}: a report row and a record key. */
public final class BatchCase {
    private static final String PREFIX = "batch k=";

    private BatchCase() {
    }

    public static String name(int k) {
        return PREFIX + k;
    }

    public static int k(String caseName) {
        if (caseName == null || !caseName.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a batch case: " + caseName);
        }
        return Integer.parseInt(caseName.substring(PREFIX.length()));
    }
}

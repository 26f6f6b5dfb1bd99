package llmbench.report;

import java.math.BigDecimal;
import llmbench.metrics.Rounding;

/** Number formats of the page: values read from a file as the file has them, derived values with fixed places. */
final class Fmt {
    private Fmt() {
    }

    /** A value as its file has it: 1234.5 stays "1234.5", 3.0 becomes "3". */
    static String num(Double v) {
        if (v == null) {
            return "n/a";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A derived value with {@code places} decimals, rounded by the suite's one rule ({@link Rounding#fixed}). */
    static String fixed(Double v, int places) {
        return v == null ? "n/a" : Rounding.fixed(v, places);
    }

    /** Signed percent with one decimal, as extract_results prints deltas: +12.3%. */
    static String pct(Double v) {
        if (v == null) {
            return "N/A";
        }
        String digits = Rounding.fixed(v, 1);
        return (digits.startsWith("-") ? digits : "+" + digits) + "%";
    }
}

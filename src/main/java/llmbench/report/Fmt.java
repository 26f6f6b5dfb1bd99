package llmbench.report;

import java.math.BigDecimal;
import java.util.Locale;

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

    static String fixed(Double v, int places) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%." + places + "f", v);
    }

    /** Signed percent with one decimal, as extract_results prints deltas: +12.3%. */
    static String pct(Double v) {
        return v == null ? "N/A" : String.format(Locale.ROOT, "%+.1f%%", v);
    }
}

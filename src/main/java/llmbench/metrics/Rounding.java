package llmbench.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rounding rule of every figure the suite writes or reports: Python's {@code round(x, places)}, i.e.
 * the exact binary value of {@code x} rounded to {@code places} decimals, an exact tie to the even digit
 * ({@code round(0.125, 2) = 0.12}, {@code round(0.03125, 4) = 0.0312}; {@code 2.675} is 2.67499999… in binary,
 * so 2.67). Why this rule: the seed's scripts write every rounded field with Python's {@code round} (seed
 * spec §5: times to 4 decimals, {@code prefill_tok_s} to 1, other rates to 2; extract_results' means to 2 and 3),
 * and our files carry the seed's fields, which must equal what the seed would write for the same request.
 * ({@code Math.round(v · 10^p) / 10^p} rounds ties up and first rounds {@code v · 10^p}, so it differs.)
 */
public final class Rounding {
    private Rounding() {
    }

    /** {@code value} rounded to {@code places} decimals; null for null, NaN or an infinity (nothing to write). */
    public static Double round(Double value, int places) {
        if (value == null || !Double.isFinite(value)) {
            return null;
        }
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }

    /**
     * {@code value} written with exactly {@code places} decimals under the same rule, as Python's
     * {@code format(value, '.nf')} (extract_results prints its tables so): {@code fixed(0.125, 2) = "0.12"},
     * where {@code String.format("%.2f")} rounds half up to "0.13". A negative value that rounds to zero keeps
     * its sign ("-0.0"), as in Python.
     */
    public static String fixed(double value, int places) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        String digits = new BigDecimal(Math.abs(value)).setScale(places, RoundingMode.HALF_EVEN).toPlainString();
        return value < 0 || (value == 0 && 1 / value < 0) ? "-" + digits : digits;
    }

    /** Python's {@code round(x)} to a whole number (half to even), for the seed's integer fields. */
    public static long toWhole(double value) {
        return new BigDecimal(value).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}

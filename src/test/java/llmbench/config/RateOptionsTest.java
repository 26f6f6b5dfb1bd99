package llmbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** RateSweepSimulation's options and -Dslo: bad input is one line naming the option, before anything starts. */
class RateOptionsTest {
    private static String refused(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return assertThrows(BadInputException.class, () -> BenchOptions.checked(p, Map.of())).getMessage();
    }

    @Test
    void rateValuesMustBePositiveNumbers() {
        assertEquals("rate.values contains 0; every value must be greater than 0", refused("rate.values", "0"));
        assertEquals("rate.values contains -1; every value must be greater than 0", refused("rate.values", "-1,2"));
        assertEquals("rate.values '1,abc' must be a comma-separated list of numbers", refused("rate.values", "1,abc"));
        assertEquals("rate.values '0.5,,1' must be a comma-separated list of numbers", refused("rate.values", "0.5,,1"));
    }

    @Test
    void aSweepNeedsAtLeastTwoPoints() {
        assertEquals("rate.sweep.points 1 must be 2 or more", refused("rate.sweep.points", "1"));
    }

    @Test
    void anUnparsableSloOrUnknownMetricOrUnitIsRefused() {
        assertEquals("slo: 'ttft_p95<=2' has no unit; use s or ms", refused("slo", "ttft_p95<=2"));
        assertEquals("slo: 'ttft_p95<=2min': unknown unit 'min'; use s or ms", refused("slo", "ttft_p95<=2min"));
        assertEquals("slo: 'foo_p95<=1s': unknown metric 'foo'; use ttft, itl, tpot or e2e with a percentile "
                + "(ttft_p95<=2s), or error_rate<=0.01", refused("slo", "foo_p95<=1s"));
    }

    @Test
    void goodValuesParse() {
        Properties p = new Properties();
        p.setProperty("rate.values", "0.5,1,2.5");
        p.setProperty("slo", "ttft_p95<=2s,error_rate<=0.01");
        BenchOptions o = BenchOptions.checked(p, Map.of());
        assertEquals(List.of(0.5, 1.0, 2.5), o.get(Options.RATE_VALUES));
        assertEquals(2, o.get(Options.SLO).bounds().size());
        assertEquals(6, o.get(Options.RATE_SWEEP_POINTS));
    }
}

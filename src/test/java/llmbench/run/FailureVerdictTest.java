package llmbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import llmbench.timing.RequestLabels;
import llmbench.timing.RequestRecord;
import org.junit.jupiter.api.Test;

class FailureVerdictTest {
    private static RequestRecord record(boolean warmup, Integer status, String error) {
        return new RequestRecord(new RequestLabels("Test", "batch k=1", 1, 0, warmup), null, 0, null, null, null,
                null, 1, null, null, "chunks", null, null, 0, null, status, error);
    }

    private static List<RequestRecord> records(int ok, int failed) {
        List<RequestRecord> out = new ArrayList<>();
        out.add(record(true, 200, null)); // a warm-up is never judged
        for (int i = 0; i < ok; i++) {
            out.add(record(false, 200, null));
        }
        for (int i = 0; i < failed; i++) {
            out.add(record(false, 501, "no event stream"));
        }
        return out;
    }

    @Test
    void everyMeasuredRequestFailedIsAnErrorNamingTheMostCommonFailure() {
        FailureVerdict v = FailureVerdict.of(records(0, 3), null);
        assertEquals("all 3 measured requests failed; HTTP 501: no event stream (×3)", v.error());
        assertEquals(v.error(), FailureVerdict.of(records(0, 3), 1.0).error(), "all failed is an error at any rate");
    }

    @Test
    void someFailuresAreANoteWithoutMaxErrorRate() {
        FailureVerdict v = FailureVerdict.of(records(9, 1), null);
        assertNull(v.error());
        assertEquals("1 of 10 measured requests failed; most common: HTTP 501: no event stream (×1) "
                + "(-Dmax.error.rate=<share> makes more than that share an error)", v.note());
    }

    @Test
    void failuresAboveMaxErrorRateAreAnErrorAndAtItAreNot() {
        assertEquals("2 of 10 measured requests failed; most common: HTTP 501: no event stream (×2); above "
                + "max.error.rate 0.1", FailureVerdict.of(records(8, 2), 0.1).error());
        assertNull(FailureVerdict.of(records(9, 1), 0.1).error());
    }

    @Test
    void noFailureNoLine() {
        FailureVerdict v = FailureVerdict.of(records(4, 0), 0.0);
        assertNull(v.error());
        assertNull(v.note());
    }
}

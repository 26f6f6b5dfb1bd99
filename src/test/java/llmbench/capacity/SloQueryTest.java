package llmbench.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import llmbench.config.BadInputException;
import org.junit.jupiter.api.Test;

class SloQueryTest {
    @Test
    void millisecondsAreConvertedToSeconds() {
        SloQuery q = SloQuery.parse(" TTFT_P95 <= 800ms ");
        assertEquals(Prediction.TTFT_P95, q.figure());
        assertTrue(q.atMost());
        assertEquals(0.8, q.bound(), 1e-12);
        assertEquals(2.0, SloQuery.parse("latency_p50<=2s").bound(), 1e-12);
        assertEquals(2.0, SloQuery.parse("ttft_p50<=2").bound(), 1e-12);
    }

    @Test
    void aRateObjectiveIsALowerBound() {
        SloQuery q = SloQuery.parse("decode_tok_s>=20");
        assertEquals(Prediction.DECODE, q.figure());
        assertFalse(q.atMost());
    }

    @Test
    void wrongDirectionsUnknownFiguresAndUnitsOnRatesAreRefused() {
        assertThrows(BadInputException.class, () -> SloQuery.parse("ttft_p95>=2s"));
        assertThrows(BadInputException.class, () -> SloQuery.parse("decode_tok_s<=20"));
        assertThrows(BadInputException.class, () -> SloQuery.parse("decode_tok_s>=20s"));
        assertThrows(BadInputException.class, () -> SloQuery.parse("itl_p99<=1s"));
    }

    /**
     * A model with o 0, α 10 ms, β 0, c 0, no chunk limit, 1-token prompts, 2 tokens out: all k users are
     * prefilled in one step of α = 10 ms (nobody decodes yet), so TTFT is 10 ms at any k; the second token
     * takes one step of 10 + 1·k ms (β = 1 ms), so decode_tok_s = 2 / (0.010 + 0.001·k) (the result files'
     * completion / decode time), which is ≥ 49.9 up to k = 30 (50.0 tok/s) and 47.6 at k = 32.
     */
    @Test
    void theAnswerIsTheLargestKThatHolds() {
        CapacityFitter.Result fit = new CapacityFitter.Result(
                new Parameters(0, 0.010, 0.001, 0, 0, true, 0, 0), new double[4][4], 0, 0, 10, 10);
        CapacityModel m = new CapacityModel(fit, 1, 2, 0, 8);
        SloQuery.Answer a = SloQuery.parse("decode_tok_s>=49.9").answer(m);
        assertEquals(30, a.maxUsers());
        assertFalse(a.capped());
        assertEquals(50.0, a.atMax().get(Prediction.DECODE).value(), 1e-9);
        SloQuery.Answer none = SloQuery.parse("ttft_p50<=5ms").answer(m);
        assertEquals(0, none.maxUsers());
    }
}

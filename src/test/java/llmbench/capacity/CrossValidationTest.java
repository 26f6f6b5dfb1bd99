package llmbench.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossValidationTest {
    /**
     * Exact synthetic data: throughput and decode rate held out within 1 % (what is left comes from averaging
     * over arrival orders, while the data were made in one). TTFT p50 is left out here: with 2k values made
     * in one order, the median can sit on either side of a step boundary (k = 2: 23.1 vs 34.4 ms).
     */
    @Test
    void exactDataHaveNearZeroThroughputAndDecodeErrors() {
        CrossValidation.Result r = CrossValidation.leaveOneKOut(CapacityFitterTest.points(CapacityFitterTest.TRUE, 1, 2, 4, 8), List.of(), 0);
        assertEquals(4, r.points().size());
        assertTrue(r.mape()[0] < 0.01, "aggregate " + r.mape()[0]);
        assertTrue(r.mape()[2] < 0.01, "decode " + r.mape()[2]);
    }

    /**
     * k = 4's recorded aggregate made 10 % higher: its held-out prediction P is unchanged (the fit reads
     * requests, not the recorded aggregate), so its error becomes |P − 1.1·M| / (1.1·M), the others' stay.
     */
    @Test
    void eachPointIsComparedWithItsOwnMeasuredFigures() {
        List<Measured.Point> pts = new ArrayList<>(CapacityFitterTest.points(CapacityFitterTest.TRUE, 1, 2, 4, 8));
        CrossValidation.Result plain = CrossValidation.leaveOneKOut(pts, List.of(), 0);
        Measured.Point k4 = pts.get(2);
        double m = k4.aggregateTokS() * 1.1;
        pts.set(2, new Measured.Point(4, m, k4.ttftP50S(), k4.decodeTokS(), k4.batches()));
        CrossValidation.Result r = CrossValidation.leaveOneKOut(pts, List.of(), 0);
        double p = plain.points().get(2).predicted()[0];
        assertEquals(Math.abs(p - m) / m, r.points().get(2).error()[0], 1e-12);
        assertTrue(r.points().get(2).error()[0] > 0.08); // about 0.1 / 1.1, less the ~0.2 % the unperturbed prediction is off
        assertEquals(plain.points().get(0).error()[0], r.points().get(0).error()[0], 1e-12);
    }

    @Test
    void twoBatchSizesAreTooFewToCrossValidate() {
        assertNull(CrossValidation.leaveOneKOut(CapacityFitterTest.points(CapacityFitterTest.TRUE, 1, 8), List.of(), 0).mape());
    }

    /** Leave-one-k-out on the checked-in reference-server run: throughput and decode rate within 10 %. */
    @Test
    void realReferenceRunCrossValidatesThroughputClosely(@TempDir Path tmp) throws Exception {
        ResultsDir.Loaded loaded = ResultsDir.read(CapacityModelMainTest.fixture(tmp));
        CrossValidation.Result r = CrossValidation.leaveOneKOut(loaded.points(), loaded.others(), 0);
        assertEquals(8, r.points().size());
        assertEquals(true, r.mape()[0] < 0.10, "aggregate cv_mape " + r.mape()[0]);
        assertEquals(true, r.mape()[2] < 0.10, "decode cv_mape " + r.mape()[2]);
    }
}

package llmbench.capacity;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The console summary: parameters ± standard errors, cross-validation, predictions, SLO answers. */
final class CapacityModelText {
    private final PrintStream out;

    CapacityModelText(PrintStream out) {
        this.out = out;
    }

    void print(ResultsDir.Loaded loaded, List<Integer> fitK, CapacityModel m, CrossValidation.Result cv,
               CrossValidation.RateResult rateCv, CrossValidation.Result holdOut, List<Prediction> predictions,
               List<RatePrediction> ratePredictions, List<SloQuery> slos, List<SloQuery.Answer> answers) {
        Parameters p = m.parameters();
        double[] se = m.standardErrors();
        out.printf(Locale.ROOT, "gatling-llm-bench: capacity model from %d files, Batch k = %s%s%n", loaded.files().size(), fitK,
                loaded.rates() == null ? "" : ", rates " + loaded.rates().points().stream()
                        .map(r -> fmt(r.offeredRps())).toList() + " req/s");
        loaded.notes().forEach(n -> out.println("  note: " + n));
        out.println("  step time T = alpha + beta*d + c*p;  TTFT = o + delta*(r-1) + sum of T until the prefill is done");
        out.printf(Locale.ROOT, "  o     = %8.3f ms ± %.3f   (TTFT beyond the steps)%n", p.overheadS() * 1e3, se[0] * 1e3);
        if (loaded.rates() != null) {
            out.printf(Locale.ROOT, "  o_open= %8.3f ms ± %.3f   (the same for requests of a rate sweep's open schedule)%n",
                    p.openOverheadS() * 1e3, m.openOverheadStandardError() * 1e3);
        }
        out.printf(Locale.ROOT, "  alpha = %8.3f ms ± %.3f   (per step)%n", p.alphaS() * 1e3, se[1] * 1e3);
        out.printf(Locale.ROOT, "  beta  = %8.3f ms ± %.3f   (per decoding sequence)%n", p.betaS() * 1e3, se[2] * 1e3);
        out.printf(Locale.ROOT, "  c     = %8.4f ms ± %.4f  (per prefilled token)%n", p.cS() * 1e3, se[3] * 1e3);
        out.printf(Locale.ROOT, "  prefill budget %s tokens/step, prefix reuse %s, admission spread %.1f ms, batch cap %s%n",
                p.budget() == 0 ? "unlimited" : String.valueOf(p.budget()),
                m.cachedTokensReported() ? "as the server reported per request (a new prompt: " + m.defaultCachedTokens() + " cached)"
                        : p.prefixReuse() ? "yes" : "no", p.spreadS() * 1e3,
                p.maxBatch() == 0 ? "none" : p.maxBatch() + (m.fit().capFitted() ? " (fitted: the rate sweep queued past it)" : ""));
        if (p.alphaS() < 0 || p.betaS() < 0 || p.cS() < 0) {
            out.println("  warning: a negative step parameter: the step model does not describe this server (see cv_mape)");
        }
        errors("cv_mape (leave-one-k-out)", cv);
        if (rateCv.mape() != null) {
            out.printf(Locale.ROOT, "  cv_mape (leave-one-rate-out): aggregate throughput %.3f, TTFT p50 %.3f, decode tok/s %.3f%n",
                    rateCv.mape()[0], rateCv.mape()[1], rateCv.mape()[2]);
            for (CrossValidation.HeldOutRate h : rateCv.points()) {
                out.printf(Locale.ROOT, "    rate=%s  aggregate %.1f vs %.1f (%.1f %%)  TTFT p50 %.4f vs %.4f (%.1f %%)  decode %.2f vs %.2f (%.1f %%)%s%n",
                        fmt(h.offeredRps()), h.predicted()[0], h.measured()[0], 100 * h.error()[0], h.predicted()[1], h.measured()[1],
                        100 * h.error()[1], h.predicted()[2], h.measured()[2], 100 * h.error()[2],
                        h.beyondCapacity() ? String.format(Locale.ROOT, "  (beyond the fit's capacity %.3f req/s: queue grows)", h.capacityRps()) : "");
            }
        }
        if (holdOut != null) {
            errors("holdout_mape (k not in the fit)", holdOut);
        }
        for (Prediction pr : predictions) {
            out.printf(Locale.ROOT, "  k=%d%s: aggregate %.1f tok/s [%.1f, %.1f], TTFT p50 %.4f s [%.4f, %.4f], p95 %.4f s, decode %.2f tok/s%n",
                    pr.users(), pr.users() > m.largestMeasuredK() ? " (extrapolated)" : "",
                    pr.get(Prediction.AGGREGATE).value(), pr.get(Prediction.AGGREGATE).low(), pr.get(Prediction.AGGREGATE).high(),
                    pr.get(Prediction.TTFT_P50).value(), pr.get(Prediction.TTFT_P50).low(), pr.get(Prediction.TTFT_P50).high(),
                    pr.get(Prediction.TTFT_P95).value(), pr.get(Prediction.DECODE).value());
        }
        for (RatePrediction rp : ratePredictions) {
            Prediction pr = rp.figures();
            out.printf(Locale.ROOT, "  rate=%s req/s: aggregate %.1f tok/s [%.1f, %.1f], decode %.2f tok/s, e2e p50 %.3f s; capacity %.3f req/s%n",
                    fmt(rp.rateRps()), pr.get(Prediction.AGGREGATE).value(), pr.get(Prediction.AGGREGATE).low(),
                    pr.get(Prediction.AGGREGATE).high(), pr.get(Prediction.DECODE).value(), pr.get(Prediction.LATENCY_P50).value(),
                    rp.capacityRps());
            if (rp.beyondCapacity()) {
                out.printf(Locale.ROOT, "    beyond capacity: the queue grows without bound; over a %.0f s run TTFT p50 would reach %.3f s "
                        + "(p95 %.3f s) and keeps growing with the run's length: not a steady figure%n", rp.durationS(),
                        pr.get(Prediction.TTFT_P50).value(), pr.get(Prediction.TTFT_P95).value());
            } else {
                out.printf(Locale.ROOT, "    TTFT p50 %.4f s [%.4f, %.4f], p95 %.4f s (%d seeds, %d arrivals over %.0f s; seeds' range p50 %.4f..%.4f s)%n",
                        pr.get(Prediction.TTFT_P50).value(), pr.get(Prediction.TTFT_P50).low(), pr.get(Prediction.TTFT_P50).high(),
                        pr.get(Prediction.TTFT_P95).value(), RatePrediction.SEEDS, rp.arrivals(), rp.durationS(),
                        rp.seedLow()[1], rp.seedHigh()[1]);
            }
        }
        for (int i = 0; i < slos.size(); i++) {
            SloQuery.Answer a = answers.get(i);
            out.printf(Locale.ROOT, "  max users within %s: %s%s%n", slos.get(i).text(),
                    a.capped() ? "at least " + a.maxUsers() : String.valueOf(a.maxUsers()),
                    a.maxUsers() > m.largestMeasuredK() ? " (beyond the largest measured k, " + m.largestMeasuredK() + ")" : "");
        }
    }

    /** A rate as the sweep names it: 1.5, 2 (no trailing zeros). */
    static String fmt(double rate) {
        return java.math.BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString();
    }

    private void errors(String title, CrossValidation.Result r) {
        if (r.mape() == null) {
            out.println("  " + title + ": n/a (needs at least three batch sizes)");
            return;
        }
        out.printf(Locale.ROOT, "  %s: aggregate throughput %.3f, TTFT p50 %.3f, decode tok/s %.3f%n", title,
                r.mape()[0], r.mape()[1], r.mape()[2]);
        for (CrossValidation.HeldOut h : r.points()) {
            out.printf(Locale.ROOT, "    k=%d  aggregate %.1f vs %.1f (%.1f %%)  TTFT p50 %.4f vs %.4f (%.1f %%)  decode %.2f vs %.2f (%.1f %%)%n",
                    h.k(), h.predicted()[0], h.measured()[0], 100 * h.error()[0], h.predicted()[1], h.measured()[1],
                    100 * h.error()[1], h.predicted()[2], h.measured()[2], 100 * h.error()[2]);
        }
    }
}

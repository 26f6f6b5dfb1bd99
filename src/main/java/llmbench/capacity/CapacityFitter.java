package llmbench.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import llmbench.config.BadInputException;
import llmbench.metrics.Percentiles;

/**
 * Fits {@link Parameters} to measured batches by least squares.
 *
 * <p>Given the two discrete settings — the prefill budget per step and whether repeated prompts are
 * served from a prefix cache — every measured time is linear in (o, α, β, c): replaying a batch through
 * {@link StepSimulator} in its measured order gives each request's steps S, Σd D and Σp P, and
 * <pre>
 *   decode time_i = α·S'_i + β·D'_i + c·P'_i          (its n_i − 1 decode steps)
 *   TTFT_i        = o + α·S_i + β·D_i + c·P_i          (the steps until its first token)
 * </pre>
 * Two regressions, alternated until the parameters stop moving (each uses the other's latest estimates,
 * and the replay of staggered arrivals depends on the step times):
 * decode times give α and β (c·P' moved to the left side), TTFTs give o and c (α·S + β·D moved to the left).
 * Decode times carry most of the information on α and β (thousands of steps, milliseconds of noise), TTFTs
 * that on o and c; fitting them separately keeps the tens-of-milliseconds TTFT noise out of α and β. The
 * discrete settings — these two and the admission spread δ of requests sent at once — are chosen by a
 * grid search for the smallest TTFT residual sum of squares.
 *
 * <p>Rate-sweep requests (open schedule, {@link Measured.Batch#RATE}) join both regressions, replayed at their
 * actual sends with every other arrival of their rate: their decodes run in steps of mixed d and p, which is
 * what separates α, β and c best. Their TTFTs get their own intercept o_open (TTFT = o_open + α·S + β·D + c·P;
 * the client sends them one at a time, Batch k at once: a client-side difference, not the server's), and those
 * of requests that waited for a batch slot stay out of the TTFT regression ({@link Row}).
 */
final class CapacityFitter {
    static final int[] BUDGETS = {64, 128, 256, 512, 1024, 2048, 4096, 8192, 0};
    static final double[] SPREADS = {0, 0.0005, 0.001, 0.002, 0.004};
    private static final int MAX_ROUNDS = 50;

    private CapacityFitter() {
    }

    /**
     * A fit and its statistics.
     *
     * @param openOverheadSeS standard error of {@link Parameters#openOverheadS} (its covariance with the others is
     *                        not kept: the delta method treats it as independent)
     * @param capFitted       the batch cap was chosen from rate-sweep data ({@link #CAPS}), not given
     */
    record Result(Parameters parameters, double[][] covariance, double ttftResidualSdS, double decodeResidualSdS,
                  int ttftRows, int decodeRows, double openOverheadSeS, boolean capFitted) {
        Result(Parameters parameters, double[][] covariance, double ttftResidualSdS, double decodeResidualSdS,
               int ttftRows, int decodeRows) {
            this(parameters, covariance, ttftResidualSdS, decodeResidualSdS, ttftRows, decodeRows,
                    Math.sqrt(Math.max(0, covariance[0][0])), false);
        }

        Result withCapFitted() {
            return new Result(parameters, covariance, ttftResidualSdS, decodeResidualSdS, ttftRows, decodeRows,
                    openOverheadSeS, true);
        }
    }

    /** Batch caps tried when rate-sweep data are fitted and no cap is given (0: none); see {@link #fit}. */
    static final int[] CAPS = {0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    /**
     * How many times smaller a cap's TTFT squared error must be than no cap's to be taken: queueing past a real
     * cap moves first tokens by whole decode times (seconds), so a real cap shows as a drop by orders of magnitude
     * (×50 on the reference server); a few tens of per cent is noise fitted.
     */
    static final double CAP_GAIN = 2;

    /**
     * Fits {@code batches}. The discrete settings (prefill budget, prefix reuse, admission spread) come from the
     * closed batches alone (Batch, Single, Concurrent), by grid search as before. When rate-sweep batches are
     * present they then join the fit with those settings; without a given cap ({@code maxBatch} 0) the cap is
     * chosen among {@link #CAPS} below the most requests measured in flight at once, and none: the one whose
     * replay gives every request's TTFT (queued ones included, Batch's too) the smallest squared error. An open
     * load past a cap queues, and nothing else in the step loop makes TTFT jump from tens of milliseconds to
     * seconds; a cap below a batch sent at once delays its later requests' first tokens. A cap is taken only when
     * it beats no cap by {@link #CAP_GAIN}; ties go to no cap.
     */
    static Result fit(List<Measured.Batch> batches, int maxBatch) {
        List<Measured.Batch> closed = batches.stream().filter(b -> !b.source().equals(Measured.Batch.RATE)).toList();
        if (closed.size() == batches.size()) {
            return fitClosed(batches, maxBatch);
        }
        Parameters settings = fitClosed(closed, maxBatch).parameters();
        int mostInFlight = batches.stream().filter(b -> b.source().equals(Measured.Batch.RATE))
                .mapToInt(b -> mostInFlight(b.requests())).max().orElse(0);
        Result best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        double noCapRss = Double.POSITIVE_INFINITY;
        boolean bestWasGiven = false;
        for (int cap : maxBatch > 0 ? new int[] {maxBatch} : CAPS) {
            if (maxBatch == 0 && cap > 0 && cap >= mostInFlight) {
                continue; // the same replay as no cap: nothing was ever this many in flight
            }
            Candidate c;
            try {
                c = fitWith(batches, new Parameters(0.0, 0.01, 0.001, 1e-4, settings.budget(), settings.prefixReuse(),
                        cap, settings.spreadS()));
            } catch (IllegalArgumentException e) {
                continue; // a cap that queues so much that the rest cannot be separated does not describe the data
            }
            double rss = ttftRss(batches, c.result.parameters());
            // No cap is tried first; a cap must at least halve its squared error (CAP_GAIN).
            if (best == null || rss < bestRss * (1 - 1e-9) - 1e-18 && (bestWasGiven || rss * CAP_GAIN < noCapRss)) {
                bestRss = rss;
                best = maxBatch > 0 || cap == 0 ? c.result : c.result.withCapFitted();
                bestWasGiven = maxBatch > 0;
                if (cap == 0) {
                    noCapRss = rss;
                }
            }
        }
        if (best == null) {
            throw new BadInputException("the results cannot be fitted with their rate-sweep requests at any batch cap; "
                    + "give the server's cap with --max-batch");
        }
        return best;
    }

    /** Most requests of one batch in flight at once, as measured (send to send + TTFT + decode time). */
    static int mostInFlight(List<Measured.Request> reqs) {
        return java.util.Arrays.stream(othersInFlightAtSend(reqs)).map(n -> n + 1).max().orElse(0);
    }

    /** For each request, how many of the others were in flight at its send (their send ≤ it < their end). */
    private static int[] othersInFlightAtSend(List<Measured.Request> reqs) {
        int[] n = new int[reqs.size()];
        for (int i = 0; i < reqs.size(); i++) {
            double t = reqs.get(i).arrivalS();
            for (int j = 0; j < reqs.size(); j++) {
                Measured.Request o = reqs.get(j);
                if (j != i && o.arrivalS() <= t && t < o.endS()) {
                    n[i]++;
                }
            }
        }
        return n;
    }

    /** Σ (measured − replayed TTFT)² over every request, queued or not (open ones with o_open). */
    private static double ttftRss(List<Measured.Batch> batches, Parameters p) {
        double rss = 0;
        for (Row r : replay(batches, p)) {
            double e = r.measured.ttftS() - r.offsetS - (r.open ? p.openOverheadS() : p.overheadS())
                    - r.ttft.time(p.alphaS(), p.betaS(), p.cS());
            rss += e * e;
        }
        return rss;
    }

    private static Result fitClosed(List<Measured.Batch> batches, int maxBatch) {
        Result best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        String lastError = "no data";
        // Where the server reported every request's cached tokens, prefix reuse is known, not fitted.
        boolean reported = batches.stream().flatMap(b -> b.requests().stream()).allMatch(r -> r.cachedTokens() != null);
        boolean[] reuses = reported ? new boolean[] {false} : new boolean[] {true, false};
        for (int budget : BUDGETS) {
            for (boolean reuse : reuses) {
                for (double spread : SPREADS) {
                    try {
                        Candidate c = fitWith(batches, new Parameters(0.0, 0.01, 0.001, 1e-4, budget, reuse, maxBatch, spread));
                        // Ties (e.g. any δ that keeps the same requests in the same steps): the first, smallest, setting wins.
                        if (c.ttftRss < bestRss * (1 - 1e-9) - 1e-18) {
                            bestRss = c.ttftRss;
                            best = c.result;
                        }
                    } catch (IllegalArgumentException e) {
                        lastError = e.getMessage();
                    }
                }
            }
        }
        if (best == null) {
            throw new BadInputException("the results cannot be fitted: " + lastError
                    + "; run BatchSimulation with at least two batch sizes");
        }
        return best;
    }

    private record Candidate(Result result, double ttftRss) {
    }

    /** Fits o, α, β, c with the discrete settings of {@code start} (its continuous values are the first guess). */
    private static Candidate fitWith(List<Measured.Batch> batches, Parameters start) {
        Parameters p = start;
        LeastSquares.Fit decodeFit = null;
        LeastSquares.Fit ttftFit = null;
        boolean open = false;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            double[] before = p.vector();
            List<Row> rows = replay(batches, p);
            List<double[]> dx = new ArrayList<>();
            List<Double> dy = new ArrayList<>();
            for (Row r : rows) {
                if (r.measured.decodeS() != null) {
                    dx.add(new double[] {r.decode.steps(), r.decode.decodeSeqs()});
                    dy.add(r.measured.decodeS() - p.cS() * r.decode.prefillTokens());
                }
            }
            decodeFit = LeastSquares.fit(dx.toArray(double[][]::new), dy.stream().mapToDouble(Double::doubleValue).toArray());
            double alpha = decodeFit.coefficients()[0];
            double beta = decodeFit.coefficients()[1];
            // A request that waited for a batch slot (in the replay, or as measured: queuedAsMeasured) has a TTFT
            // set by the queue, which magnifies any error in the step time by 1 / (1 − utilisation): it would
            // swamp the others' squared errors and tells nothing about o and c that they do not. Its decode
            // time stays in.
            List<Row> unqueued = rows.stream().filter(r -> !r.queued).toList();
            // Requests of an open schedule get their own intercept (Parameters#openOverheadS) when there are any.
            open = unqueued.stream().anyMatch(Row::open);
            double[][] tx = new double[unqueued.size()][];
            double[] ty = new double[unqueued.size()];
            for (int i = 0; i < unqueued.size(); i++) {
                Row r = unqueued.get(i);
                tx[i] = open ? new double[] {r.open ? 0.0 : 1.0, r.ttft.prefillTokens(), r.open ? 1.0 : 0.0}
                        : new double[] {1.0, r.ttft.prefillTokens()};
                ty[i] = r.measured.ttftS() - r.offsetS - alpha * r.ttft.steps() - beta * r.ttft.decodeSeqs();
            }
            ttftFit = LeastSquares.fit(tx, ty);
            double[] t = ttftFit.coefficients();
            p = p.with(new double[] {t[0], alpha, beta, t[1]}).withOpenOverhead(open ? t[2] + medianOpenResidual(tx, ty, t) : t[0]);
            if (converged(before, p.vector())) {
                break;
            }
        }
        double[][] cov = new double[4][4];
        cov[0][0] = ttftFit.covariance()[0][0];
        cov[0][3] = ttftFit.covariance()[0][1];
        cov[3][0] = ttftFit.covariance()[1][0];
        cov[3][3] = ttftFit.covariance()[1][1];
        cov[1][1] = decodeFit.covariance()[0][0];
        cov[1][2] = decodeFit.covariance()[0][1];
        cov[2][1] = decodeFit.covariance()[1][0];
        cov[2][2] = decodeFit.covariance()[1][1];
        double rss = ttftFit.residualVariance() * ttftFit.degreesOfFreedom();
        double openSe = Math.sqrt(Math.max(0, ttftFit.covariance()[open ? 2 : 0][open ? 2 : 0]));
        Result result = new Result(p, cov, Math.sqrt(ttftFit.residualVariance()), Math.sqrt(decodeFit.residualVariance()),
                ttftFit.observations(), decodeFit.observations(), openSe, false);
        return new Candidate(result, rss);
    }

    /**
     * The median residual of the open rows under a fit: what moves o_open from the rows' mean to their median. A
     * rate's figure is its TTFT p50, and an open request's residual has a long upper tail (a step that started late
     * on a loaded machine adds its delay to the few requests in it), which lifts a least-squares intercept by 2-3 ms
     * above what the typical request needs (reference server, default profile: residual median −2 to −7 ms at 0.6
     * to 1.4 req/s, mean about 0).
     */
    static double medianOpenResidual(double[][] tx, double[] ty, double[] t) {
        double[] r = java.util.stream.IntStream.range(0, tx.length).filter(i -> tx[i][2] == 1.0)
                .mapToDouble(i -> ty[i] - (t[1] * tx[i][1] + t[2])).toArray();
        return r.length == 0 ? 0 : Percentiles.median(r);
    }

    private static boolean converged(double[] a, double[] b) {
        // (o, α, β, c); o_open is a function of them through the same regression
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-12 + 1e-10 * Math.abs(b[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * A measured request beside the features of its replay; {@code offsetS} = its replayed arrival minus
     * its send (so TTFT = offset + step features·(α, β, c) + o); {@code open}: sent on a rate sweep's open
     * schedule (its TTFT intercept is o_open); {@code queued}: an open request that waited for a batch slot, in
     * the replay or as measured, whose TTFT stays out of the TTFT regression. (Closed batches wait in a fixed,
     * replayed order: their queued requests stay in, as before.)
     */
    record Row(Measured.Request measured, StepSimulator.Features ttft, StepSimulator.Features decode, double offsetS,
               boolean queued, boolean open) {
    }

    /**
     * Which requests found {@code maxBatch} or more of the batch's other requests in flight when they were sent
     * (measured: send ≤ their send < send + TTFT + decode time), so the server made them wait for a slot; none
     * without a cap.
     */
    static boolean[] queuedAsMeasured(List<Measured.Request> reqs, int maxBatch) {
        boolean[] q = new boolean[reqs.size()];
        if (maxBatch <= 0) {
            return q;
        }
        int[] others = othersInFlightAtSend(reqs);
        for (int i = 0; i < q.length; i++) {
            q[i] = others[i] >= maxBatch;
        }
        return q;
    }

    /**
     * Replays each batch with the given parameters. A batch sent at once is replayed in the order its
     * requests got their first token (FCFS prefill makes that the server's admission order), the i-th
     * (from 0) arriving at δ·i; other batches at their measured send times.
     */
    static List<Row> replay(List<Measured.Batch> batches, Parameters p) {
        List<Row> rows = new ArrayList<>();
        for (Measured.Batch b : batches) {
            List<Measured.Request> ordered = new ArrayList<>(b.requests());
            if (b.sentAtOnce()) {
                ordered.sort(Comparator.comparingDouble(r -> r.arrivalS() + r.ttftS()));
            }
            List<StepSimulator.Request> sim = new ArrayList<>();
            for (Measured.Request r : ordered) {
                int prefill = p.prefillTokens(r.promptTokens(), r.cachedTokens(), r.repeat());
                sim.add(new StepSimulator.Request(b.sentAtOnce() ? p.spreadS() * sim.size() : r.arrivalS(), prefill,
                        r.completionTokens()));
            }
            List<StepSimulator.Outcome> out = StepSimulator.run(sim, p.step());
            boolean open = b.source().equals(Measured.Batch.RATE);
            boolean[] queuedAsMeasured = open ? queuedAsMeasured(ordered, p.maxBatch()) : new boolean[ordered.size()];
            for (int i = 0; i < ordered.size(); i++) {
                double offset = b.sentAtOnce() ? sim.get(i).arrivalS() - ordered.get(i).arrivalS() : 0.0;
                rows.add(new Row(ordered.get(i), out.get(i).ttft(), out.get(i).decode(), offset,
                        open && (out.get(i).queued() || queuedAsMeasured[i]), open));
            }
        }
        return rows;
    }
}

package llmbench.capacity;

import java.util.ArrayList;
import java.util.List;
import llmbench.load.ArrivalSchedule;
import llmbench.metrics.Percentiles;

/**
 * An open load: requests that arrive when their schedule says, whatever the server is doing (RateSweepSimulation's
 * rates). Queueing is not a formula here: the arrivals join {@link StepSimulator}'s step loop at their instants,
 * share its steps, wait for prefill budget and, with a batch cap, for a free slot; a queue that grows is a queue
 * that grows in the replay.
 *
 * <p>Figures, as the rate file defines them ({@code llmbench.metrics.RateFigures}), with the step loop's first
 * and last token of each request and o added to both (o is the part of TTFT outside the steps; here the
 * open-schedule overhead {@link Parameters#openOverheadS}):
 * <pre>
 *   TTFT_i (p50, p95)   = o + first token_i − intended send_i         nearest rank over measured arrivals
 *   e2e_i  (p50, p95)   = o + last token_i − intended send_i          (LATENCY_P50 / LATENCY_P95)
 *   aggregate tok/s     = Σ (prompt + completion) of every arrival whose end (o + last token) lies in the
 *                         window [from, to) / (to − from)                                (total_tok_s)
 *   decode tok/s        = mean over measured arrivals of completion / (last − first token)
 * </pre>
 * The step loop starts empty at the first arrival (each rate of a sweep starts after a pause).
 *
 * @param arrivals   every arrival (warm-up and cool-down ones load the server too), times in seconds from the
 *                   schedule's anchor
 * @param windowFromS the measurement window's start (same clock)
 * @param windowS    its length
 */
record OpenLoad(List<Arrival> arrivals, double windowFromS, double windowS) {
    /**
     * One arrival: when the server got it ({@code sendS}), when the schedule meant it to be sent ({@code
     * intendedS} ≤ sendS: the latencies run from there), what it asks, whether it counts in the latency figures.
     */
    record Arrival(double sendS, double intendedS, Workload.Item item, boolean measured) {
    }

    OpenLoad {
        arrivals = List.copyOf(arrivals);
        if (arrivals.stream().noneMatch(Arrival::measured) || !(windowS > 0)) {
            throw new IllegalArgumentException("an open load needs a measured arrival and a window");
        }
    }

    /** A measured rate as it was sent: its actual send instants, its intended ones, its own requests. */
    static OpenLoad of(Measured.RatePoint p) {
        List<Arrival> a = new ArrayList<>();
        for (Measured.RateRequest r : p.requests()) {
            Measured.Request m = r.request();
            a.add(new Arrival(m.arrivalS(), r.intendedS(),
                    new Workload.Item(m.promptTokens(), m.completionTokens(), m.repeat(), m.cachedTokens()), r.measured()));
        }
        return new OpenLoad(a, p.windowFromS(), p.windowS());
    }

    /**
     * What RateSweepSimulation would send at {@code rate} req/s for {@code durationS}: Poisson arrivals from {@link
     * ArrivalSchedule} with {@code seed} (the sweep's own generator, so a seed names the same instants), sent on
     * time, the i-th asking {@code pool[i mod pool size]}, ceil(rate × duration) arrivals of which those past the
     * duration are dropped; warm-up and cool-down and the window as {@code llmbench.load.RatePlan} sets them.
     */
    static OpenLoad poisson(double rate, double durationS, long seed, List<Workload.Item> pool, double warmup,
                            double cooldown) {
        long durUs = Math.round(durationS * 1e6);
        int planned = (int) Math.ceil(rate * durationS - 1e-9);
        long[] offsets = ArrivalSchedule.offsetsUs(ArrivalSchedule.Arrivals.POISSON, rate, 1.0, Math.max(1, planned), seed, durUs);
        int n = offsets.length;
        int first = Math.min((int) Math.floor(warmup * n), n - 1);
        int cool = n - (int) Math.floor(cooldown * n);
        List<Arrival> a = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double t = offsets[i] / 1e6;
            a.add(new Arrival(t, t, pool.get(i % pool.size()), i >= first && i < cool));
        }
        double from = offsets[first] / 1e6;
        double to = cool < n ? offsets[cool] / 1e6 : offsets[n - 1] / 1e6 + 1 / rate;
        return new OpenLoad(a, from, Math.max(to - from, 1e-6));
    }

    /** The six figures of {@link Prediction#ORDER} for one parameter vector (definitions in the class comment). */
    double[] evaluate(Parameters p) {
        List<StepSimulator.Request> reqs = new ArrayList<>();
        for (Arrival a : arrivals) {
            Workload.Item it = a.item();
            reqs.add(new StepSimulator.Request(a.sendS(), p.prefillTokens(it.promptTokens(), it.cachedTokens(), it.repeat()),
                    it.completionTokens()));
        }
        List<StepSimulator.Outcome> out = StepSimulator.run(reqs, p.step());
        List<Double> ttft = new ArrayList<>();
        List<Double> e2e = new ArrayList<>();
        double decodeSum = 0;
        int decodeCount = 0;
        long tokens = 0;
        double to = windowFromS + windowS;
        for (int i = 0; i < arrivals.size(); i++) {
            Arrival a = arrivals.get(i);
            StepSimulator.Outcome o = out.get(i);
            double end = p.openOverheadS() + o.lastTokenS();
            if (end >= windowFromS && end < to) {
                tokens += a.item().promptTokens() + a.item().completionTokens();
            }
            if (!a.measured()) {
                continue;
            }
            ttft.add(p.openOverheadS() + o.firstTokenS() - a.intendedS());
            e2e.add(end - a.intendedS());
            if (o.decodeS() > 0) {
                decodeSum += a.item().completionTokens() / o.decodeS();
                decodeCount++;
            }
        }
        double[] t = ttft.stream().mapToDouble(Double::doubleValue).toArray();
        double[] l = e2e.stream().mapToDouble(Double::doubleValue).toArray();
        return new double[] {
            tokens / windowS,
            Percentiles.nearestRank(t, 0.50),
            Percentiles.nearestRank(t, 0.95),
            decodeCount == 0 ? Double.NaN : decodeSum / decodeCount,
            Percentiles.nearestRank(l, 0.50),
            Percentiles.nearestRank(l, 0.95),
        };
    }

    /**
     * The highest arrival rate (req/s) at which the step loop keeps up with this load's request mix: beyond it
     * the queue grows without bound and TTFT depends on how long the load lasts. Per second at rate λ the loop
     * spends β·λ·(n̄ − 1) on decoding (each request decodes n − 1 tokens after the step of its first token),
     * c·λ·P̄ on prefill (P uncached tokens) and α per step; it needs at least λ·(n̄ − 1 + s̄)/M steps with a batch
     * cap M (each request occupies a slot for its n − 1 decode steps and its s = max(1, ⌈P/B⌉) prefill steps)
     * and at least λ·P̄/B with a prefill budget B. Busy all the time:
     * <pre>
     *   λ* = 1 / (α·max((n̄ − 1 + s̄)/M, P̄/B) + β·(n̄ − 1) + c·P̄)      (a term without M or B is 0)
     * </pre>
     * Without a cap and with unlimited budget λ* = 1 / (β·(n̄ − 1) + c·P̄): batches grow until α is spread
     * over everything, and latency grows with them.
     */
    double capacityRps(Parameters p) {
        double prefill = 0;
        double decode = 0;
        double slots = 0;
        for (Arrival a : arrivals) {
            Workload.Item it = a.item();
            int pre = p.prefillTokens(it.promptTokens(), it.cachedTokens(), it.repeat());
            prefill += pre;
            decode += it.completionTokens() - 1;
            slots += it.completionTokens() - 1 + (p.budget() > 0 ? Math.max(1, Math.ceil((double) pre / p.budget())) : 1);
        }
        int n = arrivals.size();
        double steps = Math.max(p.maxBatch() > 0 ? slots / n / p.maxBatch() : 0, p.budget() > 0 ? prefill / n / p.budget() : 0);
        return 1 / (p.alphaS() * steps + p.betaS() * decode / n + p.cS() * prefill / n);
    }
}

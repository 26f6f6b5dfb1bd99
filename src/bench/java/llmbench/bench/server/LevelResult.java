package llmbench.bench.server;

import java.util.Locale;

/**
 * One level of the benchmark. Times in the names' units; client figures from {@link IntervalDeviation},
 * server figures from the reference server's emit-lag window (POST /debug/emit_lag/reset) over the same
 * steady-state window; -1 = no value.
 *
 * @param rounds           measured rounds of N streams (started, completed, failed and the window add up)
 * @param expectedStepMs   T(N, 0) = a + b·N, the interval every stream should see
 * @param chunksPerS       token chunks received in the window / window length
 * @param clientPercentWithin intervals whose deviation is within the criterion, %
 * @param serverPercentWithin steps whose emit lag is within the criterion, %
 * @param loadAvg1m        /proc/loadavg's 1-minute figure when the level started
 */
record LevelResult(int streams, int rounds, int started, int completed, int failed, double windowS, long intervals,
                   double chunksPerS, double expectedStepMs, double intervalP50Ms, double deviationP50Ms,
                   double deviationP99Ms, double deviationMaxMs, long serverSteps, double serverP50Ms,
                   double serverP99Ms, double serverMaxMs, double clientPercentWithin, double serverPercentWithin,
                   String loadAvg1m, String note) {

    static final String HEADER = "| streams | completed / requested | window s | chunks/s (model) | step ms (model) | client interval p50 ms "
            + "| client deviation p50 / p99 / max ms | server emit lag p50 / p99 / max ms (steps) | load 1m "
            + "| within 2 ms: server steps / client intervals | server p99 ≤ 2 ms | client p99 ≤ 2 ms |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|";

    boolean serverWithin(double limitMs) {
        return serverSteps > 0 && serverP99Ms <= limitMs;
    }

    boolean clientWithin(double limitMs) {
        return intervals > 0 && deviationP99Ms >= 0 && deviationP99Ms <= limitMs && completed == streams * rounds;
    }

    String markdownRow(double limitMs) {
        double modelChunks = streams * 1000.0 / expectedStepMs;
        return String.format(Locale.ROOT,
                "| %d | %d / %d%s | %.1f | %,.0f (%,.0f) | %.2f | %s | %s / %s / %s | %s / %s / %s (%d) | %s | %s %% / %s %% | %s | %s |",
                streams, completed, streams * rounds, failed > 0 ? " (" + failed + " failed)" : "", windowS, chunksPerS, modelChunks,
                expectedStepMs, ms(intervalP50Ms), ms(deviationP50Ms), ms(deviationP99Ms), ms(deviationMaxMs),
                ms(serverP50Ms), ms(serverP99Ms), ms(serverMaxMs), serverSteps, loadAvg1m,
                pct(serverPercentWithin), pct(clientPercentWithin),
                serverWithin(limitMs) ? "yes" : "**no**",
                (clientWithin(limitMs) ? "yes" : "**no**") + (note.isEmpty() ? "" : " — " + note));
    }

    private static String pct(double v) {
        return v < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ms(double v) {
        return v < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}

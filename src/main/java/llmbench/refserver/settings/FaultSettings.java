package llmbench.refserver.settings;

import java.util.Arrays;
import java.util.List;
import llmbench.refserver.fault.FaultKind;
import llmbench.refserver.fault.FaultPlan;
import picocli.CommandLine.Option;

/**
 * Fault-injection flags (as llm-d-inference-sim's {@code --failure-injection-rate} / {@code --failure-types},
 * with stream-level kinds added). Off by default: {@code --fault-rate 0}.
 */
public final class FaultSettings {
    @Option(names = "--fault-rate", description = "Share of generation requests that get a fault, 0..1 (default: ${DEFAULT-VALUE}).")
    double rate = 0;

    @Option(names = "--fault-kinds", description = "Comma-separated fault kinds, taken in turn by faulted requests: "
            + "http_429, http_500, http_503, close_before_first_byte, close_mid_stream, stall_mid_stream, "
            + "malformed_sse_line, no_done, no_usage, slow_first_token, kill (default: all but kill).")
    String kinds = FaultKind.DEFAULTS;

    @Option(names = "--fault-seed", description = "Seed of the fault draws (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--fault-stall-s", description = "stall_mid_stream: seconds nothing is written (default: ${DEFAULT-VALUE}).")
    double stallS = 30;

    @Option(names = "--fault-slow-first-token-s",
            description = "slow_first_token: seconds the first content chunk is held back (default: ${DEFAULT-VALUE}).")
    double slowFirstTokenS = 5;

    void validate() {
        require(rate >= 0 && rate <= 1, "fault rate must be between 0 and 1, got " + rate);
        require(stallS > 0 && Double.isFinite(stallS), "fault stall must be a positive number of seconds, got " + stallS);
        require(slowFirstTokenS > 0 && Double.isFinite(slowFirstTokenS),
                "fault slow-first-token delay must be a positive number of seconds, got " + slowFirstTokenS);
        require(!kindList().isEmpty(), "fault kinds must name at least one kind");
    }

    /** The kinds in the order given ({@link IllegalArgumentException} naming the known ones for a typo). */
    public List<FaultKind> kindList() {
        return Arrays.stream(kinds.split(",")).filter(s -> !s.isBlank()).map(FaultKind::of).toList();
    }

    /** A new plan: its draws start at the seed. */
    public FaultPlan plan() {
        return new FaultPlan(rate, kindList(), seed);
    }

    public double rate() {
        return rate;
    }

    public double stallS() {
        return stallS;
    }

    public double slowFirstTokenS() {
        return slowFirstTokenS;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

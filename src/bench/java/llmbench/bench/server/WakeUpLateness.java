package llmbench.bench.server;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How late a thread that waits for a deadline the way the reference server's step loop does ({@code StepTimer}:
 * park until {@code --spin-us} before it, then spin) gets going, on this machine at its current load. One
 * thread, {@code --waits} deadlines {@code --step-ms} apart; prints the lateness percentiles and the thread's
 * CPU share. Run it at normal priority and under {@code chrt -f 10} / {@code nice -n -10} to see whether late
 * steps come from the wait for a core:
 *
 * <pre>java -cp target/test-classes:target/classes:&lt;deps&gt; llmbench.bench.server.WakeUpLateness --spin-us 250</pre>
 */
@Command(name = "wake-up-lateness", mixinStandardHelpOptions = true,
        description = "Lateness of a park-then-spin wait for a deadline, as the reference server's step loop waits.")
public final class WakeUpLateness implements Callable<Integer> {

    @Option(names = "--spin-us", description = "Spin this long before the deadline (default: ${DEFAULT-VALUE}).")
    long spinUs = 250;

    @Option(names = "--step-ms", description = "Time between deadlines (default: ${DEFAULT-VALUE}).")
    long stepMs = 20;

    @Option(names = "--waits", description = "Deadlines waited for (default: ${DEFAULT-VALUE}).")
    int waits = 300;

    @Override
    public Integer call() {
        if (spinUs < 0 || stepMs < 1 || waits < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--spin-us must be >= 0, --step-ms and --waits >= 1");
        }
        long spin = spinUs * 1000;
        Histogram lateUs = new Histogram(3);
        var threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < waits; i++) {
            long deadline = System.nanoTime() + stepMs * 1_000_000L;
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                if (left > spin) {
                    LockSupport.parkNanos(left - spin);
                } else {
                    Thread.onSpinWait();
                }
            }
            lateUs.recordValue((System.nanoTime() - deadline) / 1000);
        }
        double cpuShare = (double) (threads.getCurrentThreadCpuTime() - cpu0) / (System.nanoTime() - t0);
        System.out.printf("spin %d us, %d waits of %d ms: late p50 %d us, p90 %d us, p99 %d us, max %d us; "
                        + "CPU %.1f %% of a core%n", spinUs, waits, stepMs, lateUs.getValueAtPercentile(50),
                lateUs.getValueAtPercentile(90), lateUs.getValueAtPercentile(99), lateUs.getMaxValue(), 100 * cpuShare);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new WakeUpLateness()).execute(args));
    }
}

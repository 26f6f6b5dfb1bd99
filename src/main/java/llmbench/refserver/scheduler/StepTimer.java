package llmbench.refserver.scheduler;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a nanoTime deadline: parks while far away, then spins for the last
 * {@value #SPIN_NANOS} ns, because a park alone overshoots by tens to hundreds of microseconds and the
 * token schedule should stay within about a millisecond of the profile.
 */
final class StepTimer {
    static final long SPIN_NANOS = 250_000L;

    private StepTimer() {
    }

    static void waitUntil(long deadlineNanos) {
        for (long left; (left = deadlineNanos - System.nanoTime()) > 0; ) {
            if (left > SPIN_NANOS) {
                LockSupport.parkNanos(left - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}

package llmbench.refserver.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test aid ({@code --debug-leak-kb-per-request N}): keeps N KiB of real, touched heap per completed
 * request for the server's lifetime, so that a lifecycle leak test has a leak to find. 0 = off.
 */
public final class DebugLeak {
    private final int bytesPerRequest;
    private final List<byte[]> retained = new ArrayList<>();
    private volatile long retainedBytes;

    public DebugLeak(int kibPerRequest) {
        this.bytesPerRequest = kibPerRequest * 1024;
    }

    /** Called on the scheduler thread for every completed request. */
    void onCompleted() {
        if (bytesPerRequest == 0) {
            return;
        }
        byte[] b = new byte[bytesPerRequest];
        Arrays.fill(b, (byte) 1); // touched, so it is resident, not just reserved
        retained.add(b);
        retainedBytes += bytesPerRequest;
    }

    public long retainedBytes() {
        return retainedBytes;
    }
}

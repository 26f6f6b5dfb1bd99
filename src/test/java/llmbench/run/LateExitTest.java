package llmbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LateExitTest {
    /** Stands for Gatling: the run's after() reports an error, then the program ends with status 0. */
    public static final class RunThatLostRequests {
        public static void main(String[] args) {
            LateExit.fail("3 of 256 requests sent are in no record (see requests.lost_reasons)");
            System.out.println("Reports generated, please open the following file: index.html");
            System.exit(0);
        }
    }

    /** Stands for Gatling: the run's after() finds an SLO missed, then the program ends with status 0. */
    public static final class RunThatMissedItsSlo {
        public static void main(String[] args) {
            LateExit.sloMissed("SLO missed at 4 req/s offered (rate 4/s): ttft_p95 = 0.5s > 0.001s (slo ttft_p95<=1ms)");
            System.out.println("Reports generated, please open the following file: index.html");
            System.exit(0);
        }
    }

    @Test
    void anSloMissEndsTheJvmWithStatus2WhichMavenReadsAsFailedAssertions() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), RunThatMissedItsSlo.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(2, p.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals("gatling-llm-bench: error: SLO missed at 4 req/s offered (rate 4/s): ttft_p95 = 0.5s > 0.001s "
                + "(slo ttft_p95<=1ms)", lines.get(lines.size() - 1), output);
    }

    @Test
    void anErrorFoundAfterGatlingJudgedTheRunEndsTheJvmWithStatus4AndOurLineLast() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), RunThatLostRequests.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(LateExit.INCOMPLETE_RUN_EXIT, p.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals("gatling-llm-bench: error: 3 of 256 requests sent are in no record (see requests.lost_reasons)",
                lines.get(lines.size() - 1), output);
    }
}

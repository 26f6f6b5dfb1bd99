package llmbench.lifecycle.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommandsTest {

    @Test
    void stepNamesComeFromTheCommandOrTheSimulationItRuns() {
        assertEquals("bench_single", Commands.stem("tests/e2e/benchmark/bench_single.py --label x"));
        assertEquals("BatchSimulation", Commands.stem("mvn -q gatling:test -Dgatling.simulationClass=BatchSimulation -Dtarget.url=$SERVER_URL"));
        assertEquals("BatchSimulation", Commands.stem("cd /p && mvn -B -q gatling:test '-Dgatling.simulationClass=BatchSimulation'"));
        assertEquals("java", Commands.stem("'/usr/lib/jvm/bin/java' -cp x Main"));
        assertEquals("command", Commands.stem("   "));
    }
}

package llmbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The check {@code mvn gatling:test} runs in Maven's JVM before Gatling starts (the POM's
 * check-simulation-name profile): an unknown simulation or option is one line and exit status 3.
 */
class MavenPreflightTest {
    private static final ClassLoader LOADER = MavenPreflightTest.class.getClassLoader();

    private record Outcome(int exit, String stderr) {
    }

    private static Outcome preflight(String simulation, String... properties) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(properties));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MavenPreflight.class.getName(), simulation,
                Path.of("target", "test-classes").toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), err);
    }

    @Test
    void anUnknownSimulationIsOneLineListingTheSimulations() throws Exception {
        Outcome o = preflight("BatchSimulaton");
        assertEquals(Fatal.BAD_INPUT_EXIT, o.exit(), o.stderr());
        assertEquals("gatling-llm-bench: error: no simulation BatchSimulaton; did you mean BatchSimulation? (the "
                + "simulations are ApiComprehensiveSimulation, BatchSimulation, CacheSimulation, ConcurrentSimulation, "
                + "MemorySimulation, NgramSimulation, RateSweepSimulation, SingleSimulation)\n", o.stderr());
    }

    @Test
    void aNameFarFromEverySimulationGetsOnlyTheList() {
        assertEquals("no simulation Throughput (the simulations are BatchSimulation, CacheSimulation)",
                MavenPreflight.message("Throughput", List.of("BatchSimulation", "CacheSimulation")));
    }

    @Test
    void aMistypedOrEmptyOptionIsOneLineBeforeGatlingStarts() throws Exception {
        Outcome typo = preflight("BatchSimulation", "-Dbatch.sizez=1,2");
        assertEquals(Fatal.BAD_INPUT_EXIT, typo.exit(), typo.stderr());
        assertEquals("gatling-llm-bench: error: unknown option batch.sizez; did you mean batch.sizes?\n", typo.stderr());
        Outcome empty = preflight("BatchSimulation", "-Dlabel=");
        assertEquals("gatling-llm-bench: error: label is empty; give a value or leave -Dlabel out (default: baseline)\n",
                empty.stderr());
    }

    @Test
    void moreStreamsThanCanWorkAreOneLineBeforeGatlingStarts() throws Exception {
        Outcome o = preflight("ConcurrentSimulation", "-Dconcurrency.levels=1,3,5,1000");
        assertEquals(Fatal.BAD_INPUT_EXIT, o.exit(), o.stderr());
        assertTrue(o.stderr().startsWith("gatling-llm-bench: error: concurrency.levels: 1,000 streams at once exceed "
                + "the embedded reference server's queue"), o.stderr());
        assertEquals(1, o.stderr().lines().count(), o.stderr());
        assertEquals(0, preflight("BatchSimulation", "-Dconcurrency.levels=1000").exit(), "not Batch's option");
    }

    @Test
    void aModelTheEmbeddedServerDoesNotServeIsOneLineBeforeGatlingStarts() throws Exception {
        Outcome o = preflight("BatchSimulation", "-Dtarget.model=nonexistent-model");
        assertEquals(Fatal.BAD_INPUT_EXIT, o.exit(), o.stderr());
        assertEquals("gatling-llm-bench: error: target.model nonexistent-model: the embedded reference server serves "
                + "only reference-model; leave -Dtarget.model out, or measure a server that has it with -Dtarget.url\n",
                o.stderr());
        assertEquals(0, preflight("BatchSimulation", "-Dtarget.model=reference-model").exit());
    }

    @Test
    void goodInputAndRelativePathsPass() throws Exception {
        // A relative path is the Gatling JVM's to check: its working directory is the project's, not Maven's.
        Outcome o = preflight("BatchSimulation", "-Dbatch.sizes=1,2", "-Dbaseline.file=no/such/file.json");
        assertEquals(0, o.exit(), o.stderr());
        assertEquals("", o.stderr());
    }

    @Test
    void theSimulationsAreTheDefaultPackagesConcreteGatlingSimulations() throws Exception {
        assertEquals(List.of("ApiComprehensiveSimulation", "BatchSimulation", "CacheSimulation", "ConcurrentSimulation",
                        "MemorySimulation", "NgramSimulation", "RateSweepSimulation", "SingleSimulation"),
                MavenPreflight.simulations(Path.of("target", "test-classes"), LOADER));
        assertFalse(MavenPreflight.isSimulation("llmbench.run.BenchmarkSimulation", LOADER), "abstract");
        assertFalse(MavenPreflight.isSimulation("NoSuchSimulation", LOADER));
        assertTrue(MavenPreflight.isSimulation("BatchSimulation", LOADER));
    }

    @Test
    void thePomRunsItBeforeGatlingWheneverASimulationIsNamed() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String profile = pom.substring(pom.indexOf("<id>check-simulation-name</id>"));
        assertTrue(profile.contains("<name>gatling.simulationClass</name>"), "activated by the simulation's name");
        assertTrue(profile.contains("<phase>test-compile</phase>"), "runs in the lifecycle gatling:test forks");
        assertTrue(profile.contains("<mainClass>" + MavenPreflight.class.getName() + "</mainClass>"));
    }
}

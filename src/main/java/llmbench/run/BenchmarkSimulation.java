package llmbench.run;

import io.gatling.javaapi.core.Simulation;

/**
 * A Gatling simulation around one {@link BenchmarkRun}: the run is prepared before the subclass's fields
 * (which read its options), and Gatling's before/after hooks start the target and write the results.
 */
public abstract class BenchmarkSimulation extends Simulation {
    protected final BenchmarkRun run;

    protected BenchmarkSimulation(String simulation, String benchmark) {
        this.run = BenchmarkRun.prepare(simulation, benchmark);
    }

    @Override
    public void before() {
        run.before();
    }

    @Override
    public void after() {
        run.after();
    }
}

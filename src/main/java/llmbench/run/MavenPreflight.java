package llmbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import llmbench.config.BadInputException;
import llmbench.config.BenchOptions;
import llmbench.config.NearestName;
import llmbench.config.Option;
import llmbench.config.Options;
import llmbench.lifecycle.StreamCapacity;
import llmbench.lifecycle.TargetResolver;

/**
 * Checks a {@code mvn gatling:test} before Gatling starts, in Maven's own JVM (the POM's
 * {@code check-simulation-name} profile runs it with exec:java after test-compile whenever
 * {@code -Dgatling.simulationClass} is given): the simulation name, which the Gatling Maven plugin hands to
 * Gatling unchecked (an unknown one ends in two {@code ClassNotFoundException} traces), and every {@code -D}
 * option whose check needs no relative path, and the simulation's stream count (open-file limit, embedded
 * server's queue) and a {@code -Dtarget.model} the embedded simulated server does not serve. Bad input is one line and exit status {@link Fatal#BAD_INPUT_EXIT}, and
 * as it ends Maven's JVM, that line is the last thing on the screen. Options that name files are checked in
 * the Gatling JVM, whose working directory is the project's, not Maven's.
 *
 * <p>Arguments: the simulation asked for, the test-classes folder.
 */
public final class MavenPreflight {
    /** The option whose largest value is a simulation's number of simultaneous streams (it checks them too). */
    private static final Map<String, Option<List<Integer>>> STREAMS = Map.of(
            "BatchSimulation", Options.BATCH_SIZES, "ConcurrentSimulation", Options.CONCURRENCY_LEVELS);

    private MavenPreflight() {
    }

    public static void main(String[] args) throws IOException {
        String asked = args[0].strip();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<String> simulations = simulations(Path.of(args[1]), loader);
        try {
            if (!simulations.contains(asked) && !(asked.contains(".") && isSimulation(asked, loader))) {
                throw new BadInputException(message(asked, simulations));
            }
            BenchOptions options = BenchOptions.checked(System.getProperties(), System.getenv(), false);
            if (options.targetUrl() == null && options.embeddedEngine().equals("simulated")) {
                TargetResolver.requireServedModel(options.targetModel(), TargetResolver.EMBEDDED_MODEL);
            }
            Option<List<Integer>> streams = STREAMS.get(asked);
            if (streams != null) {
                StreamCapacity.checked(streams.name(), Collections.max(options.get(streams)), options);
            }
        } catch (BadInputException e) {
            System.err.println("gatling-llm-bench: error: " + e.getMessage());
            System.err.flush();
            System.exit(Fatal.BAD_INPUT_EXIT); // exec:java runs in Maven's JVM: this ends the build, our line last
        }
    }

    static String message(String asked, List<String> simulations) {
        return "no simulation " + (asked.isEmpty() ? "named (empty -Dgatling.simulationClass)" : asked)
                + NearestName.of(asked, simulations).map(n -> "; did you mean " + n + "?").orElse("")
                + " (the simulations are " + String.join(", ", simulations) + ")";
    }

    /** The Gatling simulations of the default package (where ours are) among the compiled test classes. */
    static List<String> simulations(Path testClasses, ClassLoader loader) throws IOException {
        try (Stream<Path> files = Files.list(testClasses)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()))
                    .filter(name -> isSimulation(name, loader)).sorted().toList();
        }
    }

    static boolean isSimulation(String name, ClassLoader loader) {
        try {
            Class<?> c = Class.forName(name, false, loader);
            return io.gatling.javaapi.core.Simulation.class.isAssignableFrom(c)
                    && !java.lang.reflect.Modifier.isAbstract(c.getModifiers());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

package llmbench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package rules of main code (tests and benchmarks are not imported). The reference server and the llama
 * engine it wraps are a server that the client merely talks to over HTTP, so the two sides share only
 * neutral packages ({@code clock}, {@code files}); the client starts the server embedded in one place.
 */
@AnalyzeClasses(packages = "llmbench", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {
    /** The client side: load generation, measurement, results, reports, options, the target's lifecycle. */
    static final String[] CLIENT = {"llmbench.timing..", "llmbench.metrics..", "llmbench.results..",
            "llmbench.load..", "llmbench.run..", "llmbench.config..", "llmbench.report..", "llmbench.lifecycle..",
            "llmbench.counters.."};

    /** The one client class that starts a reference server in the benchmark's own JVM. */
    static final String EMBEDDING_CLASS = "llmbench.lifecycle.TargetResolver";

    @ArchTest
    static final ArchRule serverDoesNotDependOnClientPackages = noClasses()
            .that().resideInAnyPackage("llmbench.refserver..", "llmbench.llama..")
            .should().dependOnClassesThat().resideInAnyPackage(CLIENT)
            .because("the reference server stands apart: it must run, and be read, without the client");

    @ArchTest
    static final ArchRule clientStartsServerOnlyInTargetResolver = noClasses()
            .that().resideInAnyPackage(CLIENT).and().doNotHaveFullyQualifiedName(EMBEDDING_CLASS)
            .should().dependOnClassesThat().resideInAPackage("llmbench.refserver..")
            .because("the client talks to any server over HTTP; only " + EMBEDDING_CLASS + " embeds ours");

    @ArchTest
    static final ArchRule topLevelPackagesHaveNoCycles = slices().matching("llmbench.(*)..")
            .should().beFreeOfCycles();

    /** Inside the server: http → engine → scheduler → kvcache, model, profile, spec, never back. */
    @ArchTest
    static final ArchRule serverSubpackagesHaveNoCycles = slices().matching("llmbench.refserver.(*)..")
            .should().beFreeOfCycles();

    /** The root package only assembles and starts the server; what it assembles does not reach back. */
    @ArchTest
    static final ArchRule serverSubpackagesDoNotDependOnTheAssembler = noClasses()
            .that().resideInAPackage("llmbench.refserver.*..")
            .should().dependOnClassesThat().resideInAPackage("llmbench.refserver");
}

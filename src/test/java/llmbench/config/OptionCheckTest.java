package llmbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every given key is checked before a run starts: typos, empty values, bounds. */
class OptionCheckTest {
    private static BenchOptions checked(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return BenchOptions.checked(p, Map.of());
    }

    private static String refused(String... keyValues) {
        return assertThrows(BadInputException.class, () -> checked(keyValues)).getMessage();
    }

    @Test
    void anUnknownKeyInOurNamespacesIsRefusedWithTheNearestName() {
        assertEquals("unknown option batch.sizez; did you mean batch.sizes?", refused("batch.sizez", "1,2"));
        assertEquals("unknown option concurency.levels; did you mean concurrency.levels?",
                refused("concurency.levels", "1"));
        assertEquals("unknown option max.token; did you mean max.tokens?", refused("max.token", "16"));
        assertEquals("unknown option labels; did you mean label?", refused("labels", "x"));
    }

    @Test
    void anUnknownKeyFarFromEveryNameListsItsNamespacesOptions() {
        assertEquals("unknown option batch.parallelism.factor; batch options are batch.sizes, batch.runs, batch.connect.ahead, "
                + "batch.pause.run.s, batch.pause.k.s", refused("batch.parallelism.factor", "3"));
    }

    @Test
    void gatlingMavenAndJvmKeysAreLeftAlone() {
        checked("gatling.simulationClass", "BatchSimulation", "gatling.data.enableAnalytics", "false",
                "maven.repo.local", "/tmp/m2", "java.io.tmpdir", "/tmp", "user.dir", "/", "surefire.test.class.path",
                "a:b", "llama.model.file", "/m.gguf", "test", "OptionCheckTest", "basedir", "/x", "file.encoding", "UTF-8",
                "line.separator", "\n", "path.separator", ":", "http.proxyHost", "proxy");
    }

    @Test
    void anEmptyValueIsAnErrorNotTheDefault() {
        assertEquals("label is empty; give a value or leave -Dlabel out (default: baseline)", refused("label", ""));
        assertEquals("batch.sizes is empty; give a value or leave -Dbatch.sizes out (default: 1,2,3,4,5,6,7,8)",
                refused("batch.sizes", " "));
        assertEquals("target.url is empty; give a value or leave -Dtarget.url out (default: (none))",
                refused("target.url", ""));
    }

    @Test
    void valuesAreCheckedAgainstTheirBoundsBeforeTheRun() {
        assertEquals("temperature 2.5 must be between 0 and 2", refused("temperature", "2.5"));
        assertEquals("temperature -0.1 must be between 0 and 2", refused("temperature", "-0.1"));
        assertEquals(2.0, checked("temperature", "2").temperature());
        assertEquals("warmup.requests -1 must be 0 or more", refused("warmup.requests", "-1"));
        assertEquals(0, checked("warmup.requests", "0").warmupRequests());
        assertEquals("batch.runs 0 must be at least 1", refused("batch.runs", "0"));
        assertEquals("target.time.scale 0.0 must be greater than 0", refused("target.time.scale", "0"));
        assertEquals("batch.pause.k.s -1.0 must be 0 or more", refused("batch.pause.k.s", "-1"));
        assertEquals("request.timeout.s 'soon' is not a number", refused("request.timeout.s", "soon"));
        assertEquals("concurrency.levels contains 0; every value must be at least 1", refused("concurrency.levels", "2,0"));
        assertEquals("target.engine 'vllm' must be simulated or llama", refused("target.engine", "vllm"));
        assertEquals(List.of(1, 2), checked("batch.sizes", " 1, 2 ").batchSizes());
    }

    @Test
    void aResultsDirThatIsAFileIsNamedAsSuch(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("results"), "x");
        assertEquals("results.dir " + file + " is a file, not a directory", refused("results.dir", file.toString()));
        assertEquals("results.dir " + file.resolve("sub") + ": " + file + " is a file, not a directory",
                refused("results.dir", file.resolve("sub").toString()));
        assertEquals(tmp.resolve("new"), checked("results.dir", tmp.resolve("new").toString()).resultsDir());
    }

    @Test
    void everyDeclaredDefaultObeysItsOwnBounds() {
        for (Option<?> o : Options.all()) {
            if (o.defaultValue() != null) {
                o.parse(o.defaultValue());
            }
        }
    }

    @Test
    void onlyDeclaredOptionsAreRecorded() {
        assertEquals(Map.of("batch.sizes", "1"), checked("batch.sizes", "1", "gatling.x", "y").recordedOptions());
    }
}

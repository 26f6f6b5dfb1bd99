package llmbench.refserver.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import llmbench.refserver.ReferenceServerMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class ReferenceServerConfigTest {

    @Test
    void defaultsMatchTheSeedServersLimits() {
        ReferenceServerConfig d = ReferenceServerConfig.defaults();
        assertEquals("127.0.0.1", d.host());
        assertEquals(0, d.port());
        assertEquals("reference-model", d.model());
        assertEquals("default", d.profile());
        assertEquals(1.0, d.timeScale());
        assertNull(d.maxBatchSize());
        assertEquals(128, d.maxQueueSize());
        assertEquals(32768, d.maxPromptTokens());
        assertEquals(1_048_576, d.maxRequestBytes());
    }

    @Test
    void flagsChangeOnlyTheirSetting() {
        ReferenceServerConfig c = ReferenceServerConfig.defaults().withFlags("--port=9000", "--profile=tiny", "--time-scale=0.1");
        assertEquals(9000, c.port());
        assertEquals("tiny", c.profile());
        assertEquals(0.1, c.timeScale());
        assertEquals("reference-model", c.model());
    }

    @Test
    void invalidValuesAreRefusedWithReadableMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceServerConfig.defaults().withFlags("--time-scale=0"));
        assertEquals("time scale must be a positive number, got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withFlags("--port=70000"));
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withFlags("--max-batch-size=0"));
    }

    @Test
    void engineSettingsHaveTheSeedsDefaultsAndRefuseNonsense() {
        EngineSettings e = ReferenceServerConfig.defaults().engine();
        assertEquals(16, e.blockSize());
        assertEquals(2048, e.numBlocks());
        assertEquals(0.9, e.memoryPressureThreshold());
        assertEquals(300.0, e.firstTokenTimeoutS());
        assertEquals(120.0, e.requestTimeoutS());
        assertEquals(0, e.maxConcurrentRequests());
        assertEquals(null, e.apiKey());
        assertEquals("k", ReferenceServerConfig.defaults().withFlags("--api-key= k ").engine().apiKey());
        assertEquals(8, ReferenceServerConfig.defaults().withFlags("--num-blocks=8", "--port=1").engine().numBlocks(),
                "other withers keep the engine settings");
        assertEquals("API key must not be empty", assertThrows(IllegalArgumentException.class,
                () -> ReferenceServerConfig.defaults().withFlags("--api-key=  ")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withFlags("--memory-pressure-threshold=1.5"));
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withFlags("--block-size=0"));
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withFlags("--max-concurrent-requests=-1"));
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withFlags("--request-timeout-s=0"));
    }

    @Test
    void draftContextLenDefaultsTo128AndIsRefusedOutside1To512() {
        EngineSettings e = ReferenceServerConfig.defaults().engine();
        assertEquals(128, e.draftContextLen());
        assertEquals(null, e.draftModelPath());
        assertEquals(1, ReferenceServerConfig.defaults().withFlags("--draft-context-len=1").engine().draftContextLen());
        assertEquals(512, ReferenceServerConfig.defaults().withFlags("--draft-context-len=512").engine().draftContextLen());
        assertEquals("draft context len must be between 1 and 512, got 0", assertThrows(IllegalArgumentException.class,
                () -> ReferenceServerConfig.defaults().withFlags("--draft-context-len=0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withFlags("--draft-context-len=513"));
        assertEquals("draft model path must not be empty", assertThrows(IllegalArgumentException.class,
                () -> ReferenceServerConfig.defaults().withFlags("--draft-model-path= ")).getMessage());
        assertEquals("small-draft", ReferenceServerConfig.defaults().withFlags("--draft-model-path=small-draft").engine().draftModelPath());
    }

    @Test
    void anUnknownFlagIsRefusedWithPicocliOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceServerConfig.defaults().withFlags("--num-blockz=8"));
        assertEquals("Unknown option: '--num-blockz=8'", e.getMessage());
    }

    @Test
    void invertedFlagsTurnTheirSettingOff() {
        EngineSettings d = ReferenceServerConfig.defaults().engine();
        EngineSettings e = ReferenceServerConfig.defaults().withFlags("--no-adaptive-k", "--no-spec-decode-dynamic",
                "--no-ngram-prompt-lookup", "--utilization-excludes-idle-cache", "--no-ssd-async-writes").engine();
        assertEquals(List.of(true, true, true, true, true), List.of(d.adaptiveK(), d.specDynamic(),
                d.ngramPromptLookup(), d.idleCacheCountsAsUsed(), d.ssdAsyncWrites()));
        assertEquals(List.of(false, false, false, false, false), List.of(e.adaptiveK(), e.specDynamic(),
                e.ngramPromptLookup(), e.idleCacheCountsAsUsed(), e.ssdAsyncWrites()));
    }

    @Test
    void ssdAsyncWritesFlagTurnsItOnAndLaterFlagsKeepIt() {
        ReferenceServerConfig off = ReferenceServerConfig.defaults().withFlags("--no-ssd-async-writes");
        assertEquals(false, off.withFlags("--port=1").engine().ssdAsyncWrites(), "a flag not named keeps its value");
        assertEquals(true, off.withFlags("--ssd-async-writes").engine().ssdAsyncWrites());
    }

    /** docs/reference-server.md shows the command line's synopsis; it lists exactly the declared flags. */
    @Test
    void theDocumentedSynopsisListsExactlyTheDeclaredFlags() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (OptionSpec o : new CommandLine(new ReferenceServerMain()).getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp()) { // a negatable "--no-x" is documented as --[no-]x
                declared.add(o.negatable() ? o.longestName().replaceFirst("^--no-", "--") : o.longestName());
            }
        }
        String doc = Files.readString(Path.of("docs/reference-server.md"));
        Set<String> documented = new TreeSet<>();
        Matcher block = Pattern.compile("```\njava -cp <classpath> llmbench\\.refserver\\.ReferenceServerMain(.*?)```",
                Pattern.DOTALL).matcher(doc);
        while (block.find()) {
            Matcher flag = Pattern.compile("--(?:\\[no-\\])?([a-z0-9-]+)").matcher(block.group(1));
            while (flag.find()) {
                documented.add("--" + flag.group(1));
            }
        }
        assertEquals(declared, documented);
    }
}

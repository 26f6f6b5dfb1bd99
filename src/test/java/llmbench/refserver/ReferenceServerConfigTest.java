package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

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
    void withersChangeOnlyTheirField() {
        ReferenceServerConfig c = ReferenceServerConfig.defaults().withPort(9000).withProfile("tiny").withTimeScale(0.1);
        assertEquals(9000, c.port());
        assertEquals("tiny", c.profile());
        assertEquals(0.1, c.timeScale());
        assertEquals("reference-model", c.model());
    }

    @Test
    void invalidValuesAreRefusedWithReadableMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceServerConfig.defaults().withTimeScale(0));
        assertEquals("time scale must be a positive number, got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withPort(70000));
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withMaxBatchSize(0));
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
        assertEquals("k", ReferenceServerConfig.defaults().withApiKey(" k ").engine().apiKey());
        assertEquals(8, ReferenceServerConfig.defaults().withNumBlocks(8).withPort(1).engine().numBlocks(),
                "other withers keep the engine settings");
        assertEquals("API key must not be empty", assertThrows(IllegalArgumentException.class,
                () -> ReferenceServerConfig.defaults().withApiKey("  ")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withMemoryPressureThreshold(1.5));
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withBlockSize(0));
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withMaxConcurrentRequests(-1));
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withRequestTimeoutS(0));
    }

    @Test
    void draftContextLenDefaultsTo128AndIsRefusedOutside1To512() {
        EngineSettings e = ReferenceServerConfig.defaults().engine();
        assertEquals(128, e.draftContextLen());
        assertEquals(null, e.draftModelPath());
        assertEquals(1, ReferenceServerConfig.defaults().withDraftContextLen(1).engine().draftContextLen());
        assertEquals(512, ReferenceServerConfig.defaults().withDraftContextLen(512).engine().draftContextLen());
        assertEquals("draft context len must be between 1 and 512, got 0", assertThrows(IllegalArgumentException.class,
                () -> ReferenceServerConfig.defaults().withDraftContextLen(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReferenceServerConfig.defaults().withDraftContextLen(513));
        assertEquals("draft model path must not be empty", assertThrows(IllegalArgumentException.class,
                () -> ReferenceServerConfig.defaults().withDraftModelPath(" ")).getMessage());
        assertEquals("small-draft", ReferenceServerConfig.defaults().withDraftModelPath("small-draft").engine().draftModelPath());
    }
}

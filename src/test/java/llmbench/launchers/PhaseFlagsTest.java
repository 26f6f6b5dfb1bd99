package llmbench.launchers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The phase → flags table of lib.sh, pinned against §5.8 of the seed spec and each engine's documented flags. */
class PhaseFlagsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "mlx-lm-server | baseline | 0 | --no-ssd --kv-bits 0",
            "mlx-lm-server | kv_fp8   | 0 | --no-ssd --kv-bits 8 --kv-group-size 64 --block-size 16 --num-blocks 2048",
            "mlx-lm-server | ngram    | 0 | --no-ssd --kv-bits 0 --spec-decode ngram --ngram-max 4 --num-speculative-tokens 5",
            "mlx-lm-server | ssd      | 0 | --kv-bits 0 --ssd-policy write_through --ssd-async-writes --ssd-max-size-gb 50",
            "mlx-lm-server | all      | 0 | --kv-bits 8 --kv-group-size 64 --block-size 16 --num-blocks 2048 --ssd-policy write_through --ssd-async-writes --ssd-max-size-gb 50 --spec-decode ngram --ngram-max 4 --num-speculative-tokens 5",
            "mlx-lm-server | mtp      | 0 | --no-ssd --kv-bits 0 --spec-decode mtp --num-speculative-tokens 5",
            "mlx-lm-server | draft    | 3 | phase draft needs DRAFT_MODEL (path or id of the draft model)",
            "reference     | baseline | 0 | --no-ssd --kv-bits 0",
            "reference     | kv_fp8   | 0 | --no-ssd --kv-bits 8 --kv-group-size 64 --block-size 16 --num-blocks 2048",
            "reference     | ngram    | 0 | --no-ssd --kv-bits 0 --spec-decode ngram --ngram-max 4 --num-speculative-tokens 5",
            "reference     | ssd      | 0 | --kv-bits 0 --ssd-policy write_through --ssd-async-writes --ssd-max-size-gb 50 --ssd-cache-dir /tmp/kimi-bench/ssd-cache",
            "reference     | draft    | 0 | --no-ssd --kv-bits 0 --spec-decode draft --draft-model-path simulated-draft --num-speculative-tokens 5 --draft-context-len 128",
            "reference     | mtp      | 0 | --no-ssd --kv-bits 0 --spec-decode mtp --num-speculative-tokens 5",
            "reference-llama | baseline | 0 | ''",
            "reference-llama | ngram  | 3 | the reference server's llama engine runs the baseline phase only, not ngram",
            "vllm          | kv_fp8   | 0 | --kv-cache-dtype fp8 --block-size 16",
            "vllm          | ngram    | 0 | --speculative-config {\"method\":\"ngram\",\"num_speculative_tokens\":5,\"prompt_lookup_max\":4}",
            "vllm          | ssd      | 3 | vllm has no built-in SSD KV-cache tier (it needs an external KV connector)",
            "llama-server  | kv_fp8   | 0 | --cache-type-k q8_0 --cache-type-v q8_0",
            "llama-server  | ngram    | 0 | --spec-type ngram-simple --spec-ngram-size-n 4 --draft-max 5",
            "llama-server  | ssd      | 3 | llama-server has no SSD KV-cache tier",
            "mlx_lm.server | ngram    | 3 | mlx_lm.server has no n-gram speculative decoding",
            "sglang        | baseline | 3 | unknown engine 'sglang' or phase 'baseline'",
    })
    void flagsPerEngineAndPhase(String engine, String phase, int status, String expected) throws Exception {
        assertFlags(engine, phase, "", "", status, expected);
    }

    /** The sweep's switches: ADAPTIVE_K=off and SPEC_THRESHOLD reach the engines that have the settings. */
    @ParameterizedTest(name = "{0} {1} ADAPTIVE_K={2} SPEC_THRESHOLD={3}")
    @CsvSource(delimiter = '|', value = {
            "reference     | ngram | off | ''  | 0 | --no-ssd --kv-bits 0 --spec-decode ngram --ngram-max 4 --num-speculative-tokens 5 --no-adaptive-k",
            "reference     | ngram | off | 0.3 | 0 | --no-ssd --kv-bits 0 --spec-decode ngram --ngram-max 4 --num-speculative-tokens 5 --no-adaptive-k --spec-decode-acceptance-threshold 0.3",
            "reference     | ngram | on  | 0.2 | 0 | --no-ssd --kv-bits 0 --spec-decode ngram --ngram-max 4 --num-speculative-tokens 5 --spec-decode-acceptance-threshold 0.2",
            "mlx-lm-server | ngram | off | 0.3 | 0 | --no-ssd --kv-bits 0 --spec-decode ngram --ngram-max 4 --num-speculative-tokens 5 --no-adaptive-k --spec-decode-acceptance-threshold 0.3",
            "reference     | baseline | off | 0.3 | 0 | --no-ssd --kv-bits 0",
            "vllm          | ngram | off | ''  | 0 | --speculative-config {\"method\":\"ngram\",\"num_speculative_tokens\":5,\"prompt_lookup_max\":4}",
            "vllm          | ngram | off | 0.3 | 3 | vllm has no speculation acceptance threshold (SPEC_THRESHOLD)",
            "reference     | ngram | maybe | '' | 3 | ADAPTIVE_K must be on or off, got 'maybe'",
            "llama-server  | ngram | off | ''  | 0 | --spec-type ngram-simple --spec-ngram-size-n 4 --draft-max 5",
            "llama-server  | ngram | on  | 0.3 | 3 | llama-server has no speculation acceptance threshold (SPEC_THRESHOLD)",
    })
    void sweepSwitches(String engine, String phase, String adaptiveK, String threshold, int status, String expected)
            throws Exception {
        assertFlags(engine, phase, adaptiveK, threshold, status, expected);
    }

    /** Phase 3 of run_plan.sh holds speculation on: SPEC_DYNAMIC=off reaches the engines with a dynamic controller. */
    @ParameterizedTest(name = "{0} SPEC_DYNAMIC={1}")
    @CsvSource(delimiter = '|', value = {
            "reference     | off | 0 | --no-ssd --kv-bits 0 --spec-decode ngram --ngram-max 4 --num-speculative-tokens 5 --no-spec-decode-dynamic",
            "mlx-lm-server | off | 0 | --no-ssd --kv-bits 0 --spec-decode ngram --ngram-max 4 --num-speculative-tokens 5 --no-spec-decode-dynamic",
            "reference     | on  | 0 | --no-ssd --kv-bits 0 --spec-decode ngram --ngram-max 4 --num-speculative-tokens 5",
            "llama-server  | off | 0 | --spec-type ngram-simple --spec-ngram-size-n 4 --draft-max 5",
            "reference     | sometimes | 3 | SPEC_DYNAMIC must be on or off, got 'sometimes'",
    })
    void specDynamicOffHoldsSpeculationOn(String engine, String dynamic, int status, String expected) throws Exception {
        assertFlags(engine, "ngram", "", "", status, expected, Map.of("SPEC_DYNAMIC", dynamic));
    }

    private static void assertFlags(String engine, String phase, String adaptiveK, String threshold, int status,
                                    String expected) throws Exception {
        assertFlags(engine, phase, adaptiveK, threshold, status, expected, Map.of());
    }

    private static void assertFlags(String engine, String phase, String adaptiveK, String threshold, int status,
                                    String expected, Map<String, String> extraEnv) throws Exception {
        String script = ". launchers/lib.sh; phase_flags \"$1\" \"$2\"; rc=$?; "
                + "if [ $rc = 0 ]; then printf '%s' \"${PHASE_ARGS[*]}\"; else printf '%s' \"$UNSUPPORTED_REASON\"; fi; exit $rc";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script, "_", engine, phase).redirectErrorStream(true);
        pb.environment().remove("DRAFT_MODEL");
        pb.environment().remove("NGRAM_MAX");
        pb.environment().remove("NUM_SPEC_TOKENS");
        pb.environment().remove("RUN_DIR");
        pb.environment().put("ADAPTIVE_K", adaptiveK);
        pb.environment().put("SPEC_THRESHOLD", threshold);
        pb.environment().remove("SPEC_DYNAMIC");
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(expected, out);
        assertEquals(status, p.exitValue());
    }
}

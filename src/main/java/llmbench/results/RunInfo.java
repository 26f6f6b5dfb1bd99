package llmbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * What every result file says about the run that produced it (JMH's habit): the suite and its version,
 * the target and model measured, where the target came from, and every option given.
 *
 * @param targetKind   "embedded" (the suite's reference server) or "external"
 * @param targetDetail e.g. the embedded server's profile; free text for external targets
 * @param loadBefore   the load generator's machine load when the run started ({@code MachineLoad}), or null
 * @param loadAfter    the same when it ended, or null while it runs
 */
public record RunInfo(
        String simulation,
        String label,
        String suiteVersion,
        String targetUrl,
        String targetKind,
        String targetDetail,
        String model,
        ZonedDateTime startedAt,
        int maxTokens,
        double temperature,
        Map<String, String> options,
        JsonNode healthBefore,
        JsonNode healthAfter,
        String gatlingRunDir,
        JsonNode loadBefore,
        JsonNode loadAfter) {

    public RunInfo withHealthBefore(JsonNode health) {
        return new RunInfo(simulation, label, suiteVersion, targetUrl, targetKind, targetDetail, model, startedAt,
                maxTokens, temperature, options, health, healthAfter, gatlingRunDir, loadBefore, loadAfter);
    }

    public RunInfo withHealthAfter(JsonNode health) {
        return new RunInfo(simulation, label, suiteVersion, targetUrl, targetKind, targetDetail, model, startedAt,
                maxTokens, temperature, options, healthBefore, health, gatlingRunDir, loadBefore, loadAfter);
    }

    public RunInfo withLoad(JsonNode before, JsonNode after) {
        return new RunInfo(simulation, label, suiteVersion, targetUrl, targetKind, targetDetail, model, startedAt,
                maxTokens, temperature, options, healthBefore, healthAfter, gatlingRunDir, before, after);
    }

    public RunInfo withGatlingRunDir(String dir) {
        return new RunInfo(simulation, label, suiteVersion, targetUrl, targetKind, targetDetail, model, startedAt,
                maxTokens, temperature, options, healthBefore, healthAfter, dir, loadBefore, loadAfter);
    }
}

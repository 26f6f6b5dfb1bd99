package llmbench.lifecycle.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import llmbench.process.ChildProcess;

/** What the harness does to the outside world: shell commands with a timeout, and the smoke request. */
final class Commands {
    record Result(boolean ok, String detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Commands() {
    }

    /** Runs {@code bash -c command}, output to log; passes on exit 0 within the timeout. */
    static Result run(String command, Map<String, String> env, Path log, long timeoutS) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!ChildProcess.awaitExit(p, Duration.ofSeconds(timeoutS))) {
            return new Result(false, "timed out after " + timeoutS + " s; log " + log);
        }
        int rc = p.exitValue();
        return new Result(rc == 0, "exit " + rc + "; log " + log + (rc == 0 ? "" : "; tail: " + tail(log)));
    }

    /** The seed's smoke request: non-streaming chat "say hello in one word", max_tokens 16; passes on 200. */
    static Result smoke(String serverUrl) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String model = "";
        try {
            HttpResponse<String> models = client.send(HttpRequest.newBuilder(URI.create(serverUrl + "/v1/models"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode id = JSON.readTree(models.body()).at("/data/0/id");
            model = id.isTextual() ? id.asText() : "";
        } catch (IOException e) {
            // the server may not list models; the empty model skips the check on seed-compatible servers
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", "say hello in one word");
        body.put("max_tokens", 16);
        body.put("stream", false);
        HttpRequest req = HttpRequest.newBuilder(URI.create(serverUrl + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        String content = r.statusCode() == 200 ? JSON.readTree(r.body()).at("/choices/0/message/content").asText("") : r.body();
        return new Result(r.statusCode() == 200, "HTTP " + r.statusCode() + ": " + abbreviate(content, 80));
    }

    /**
     * Short name of a command for step names and log files: the Gatling simulation it runs
     * ({@code -Dgatling.simulationClass=}), else its first word's file name without extension.
     */
    static String stem(String command) {
        String[] words = command.trim().split("\\s+");
        for (String w : words) {
            String unquoted = w.replaceAll("[\"']", "");
            if (unquoted.startsWith("-Dgatling.simulationClass=")) {
                return unquoted.substring("-Dgatling.simulationClass=".length()).replaceAll("[^A-Za-z0-9._-]", "_");
            }
        }
        String first = words.length == 0 || words[0].isEmpty() ? "command" : words[0].replaceAll("[\"']", "");
        String name = Path.of(first).getFileName().toString().replaceFirst("\\.[A-Za-z0-9]+$", "");
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String abbreviate(String s, int max) {
        String one = s.replace('\n', ' ').strip();
        return one.length() <= max ? one : one.substring(0, max) + "...";
    }
}

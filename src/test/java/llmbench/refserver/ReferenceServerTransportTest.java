package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.epoll.Epoll;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;

/** Which Netty transport the event loops run on: native epoll where Netty can load it, else NIO; both serve. */
class ReferenceServerTransportTest {
    private static final Pattern START_LINE = Pattern.compile("listening on (http://\\S+) \\(.*, transport (\\w+)\\)$");

    @Test
    void healthNamesEpollWhereNettyCanLoadItElseNio() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            RefClient client = new RefClient(server.baseUrl());
            JsonNode health = RefClient.json(client.get("/health").body());
            assertEquals(Epoll.isAvailable() ? "epoll" : "nio", health.path("transport").asText(), health.toString());
            RefClient.Sse sse = client.stream("/v1/completions", "{\"prompt\":\"hello\",\"max_tokens\":5,\"stream\":true}");
            assertEquals(5, sse.contentEvents().size());
        }
    }

    @Test
    void withoutTheNativeLibraryTheServerFallsBackToNioAndSaysSoInItsStartLine() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dio.netty.transport.noNative=true", "-cp", System.getProperty("java.class.path"),
                ReferenceServerMain.class.getName(), "--port", "0", "--profile", "tiny").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Matcher m = null;
            for (String line; m == null && (line = out.readLine()) != null; ) {
                Matcher candidate = START_LINE.matcher(line);
                m = candidate.find() ? candidate : null;
            }
            assertTrue(m != null, "no start line naming the transport");
            assertEquals("nio", m.group(2));
            RefClient client = new RefClient(m.group(1));
            assertEquals("nio", RefClient.json(client.get("/health").body()).path("transport").asText());
            RefClient.Sse sse = client.stream("/v1/completions", "{\"prompt\":\"hello\",\"max_tokens\":5,\"stream\":true}");
            assertEquals(List.of("[DONE]"), sse.data().subList(sse.data().size() - 1, sse.data().size()));
            p.destroy();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "server did not exit after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }
}

package llmbench.launchers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Test command for the lifecycle harness: N short non-streaming chat requests to $SERVER_URL; exit 1 on any non-200. */
public final class RequestLoop {
    private RequestLoop() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        long pauseMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
        String url = System.getenv("SERVER_URL") + "/v1/chat/completions";
        HttpClient client = HttpClient.newHttpClient();
        String body = "{\"model\":\"\",\"messages\":[{\"role\":\"user\",\"content\":\"tell me about rivers\"}],\"max_tokens\":8}";
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.out.println("request " + i + ": HTTP " + r.statusCode() + " " + r.body());
                System.exit(1);
            }
            Thread.sleep(pauseMs);
        }
        System.out.println(n + " requests answered");
    }
}

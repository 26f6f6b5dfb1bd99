package llmbench.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import llmbench.config.BadInputException;

/**
 * Short, blocking GETs against a target's JSON endpoints ({@code /v1/models}, {@code /health}). Only ever
 * called outside Gatling's event loops: in a simulation's constructor, {@code before()} or {@code after()}.
 */
public final class ServerProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final Duration timeout;
    private final TargetHttp http;

    public ServerProbe(URI base, String apiKey, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = new TargetHttp(base, apiKey, timeout);
    }

    /** The first model id of {@code /v1/models}; an unreachable target or a bad reply is bad input. */
    public String firstModelId() {
        HttpResponse<String> r;
        try {
            r = get("/v1/models");
        } catch (IOException e) {
            throw new BadInputException("target " + base + " is not reachable: " + describe(e));
        }
        if (r.statusCode() != 200) {
            throw new BadInputException("target " + base + "/v1/models answered HTTP " + r.statusCode()
                    + (r.statusCode() == 401 ? " (set the API key in " + String.join(" or ",
                    llmbench.config.BenchOptions.API_KEY_ENV) + ")" : ""));
        }
        try {
            JsonNode id = JSON.readTree(r.body()).path("data").path(0).path("id");
            if (!id.isTextual() || id.asText().isEmpty()) {
                throw new BadInputException("target " + base + "/v1/models lists no model; pass -Dtarget.model");
            }
            return id.asText();
        } catch (IOException e) {
            throw new BadInputException("target " + base + "/v1/models did not answer JSON; pass -Dtarget.model");
        }
    }

    /** Checks that something answers HTTP at the target at all. */
    public void requireReachable() {
        String why = unreachableReason();
        if (why != null) {
            throw new BadInputException("target " + base + " is not reachable: " + why);
        }
    }

    /** Null when something answers HTTP at the target (any status), else why nothing does. */
    public String unreachableReason() {
        try {
            get("/v1/models");
            return null;
        } catch (IOException e) {
            return describe(e);
        }
    }

    /** A JSON endpoint's body, or null when the target does not report it (any status, non-JSON, error). */
    public JsonNode jsonOrNull(String path) {
        try {
            HttpResponse<String> r = get(path);
            JsonNode n = JSON.readTree(r.body());
            return n != null && n.isContainerNode() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        return http.get(path);
    }

    /**
     * The true reason a request failed. The JDK client reports a refused port, an unroutable host and an
     * unknown host alike (a {@link ConnectException} without a message), so on a connect failure one plain
     * socket connect is tried to learn which it was.
     */
    private String describe(IOException e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "no connection within " + timeout.toSeconds() + " s (host unroutable, or a firewall drops the packets)";
        }
        if (e instanceof ConnectException) {
            return connectFailure(base, timeout);
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within the probe timeout";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String connectFailure(URI base, Duration timeout) {
        int port = base.getPort() >= 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
        java.net.InetAddress address;
        try {
            address = java.net.InetAddress.getByName(base.getHost());
        } catch (java.net.UnknownHostException unknown) {
            return "unknown host " + base.getHost();
        }
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(address, port), (int) Math.max(1, timeout.toMillis()));
            return "the connection failed, then succeeded on a second try (the server is starting or overloaded)";
        } catch (java.net.SocketTimeoutException t) {
            return "no connection within " + timeout.toSeconds() + " s (host unroutable, or a firewall drops the packets)";
        } catch (java.net.NoRouteToHostException n) {
            return "no route to host";
        } catch (ConnectException c) {
            return c.getMessage() != null && c.getMessage().contains("refused")
                    ? "connection refused (nothing listens on port " + port + ")"
                    : c.getMessage() == null ? "connection failed" : c.getMessage().toLowerCase(java.util.Locale.ROOT);
        } catch (IOException other) {
            return other.getMessage() == null ? other.getClass().getSimpleName()
                    : other.getMessage().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

package llmbench.lifecycle;

import java.net.URI;

/**
 * The server a run measures. {@link #close()} stops it if this run started it (the embedded reference
 * server) and does nothing for an external one. The API key is held for requests only: it has no accessor
 * that a result writer could reach by accident and is left out of {@link #toString()}.
 */
public final class Target implements AutoCloseable {
    private final URI baseUrl;
    private final String model;
    private final String kind;
    private final String detail;
    private final String apiKey;
    private final AutoCloseable owned;

    Target(URI baseUrl, String model, String kind, String detail, String apiKey, AutoCloseable owned) {
        this.baseUrl = baseUrl;
        this.model = model;
        this.kind = kind;
        this.detail = detail;
        this.apiKey = apiKey;
        this.owned = owned;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public String model() {
        return model;
    }

    /** "embedded" or "external". */
    public String kind() {
        return kind;
    }

    public String detail() {
        return detail;
    }

    /** For the Authorization header of requests; null when the target needs none. */
    public String apiKeyForRequests() {
        return apiKey;
    }

    public String describe() {
        return ("embedded".equals(kind) ? "embedded reference server " : "external server ") + baseUrl
                + " (model " + model + (detail == null ? "" : ", " + detail) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                System.err.println("gatling-llm-bench: warning: stopping " + describe() + " failed: " + e);
            }
        }
    }
}

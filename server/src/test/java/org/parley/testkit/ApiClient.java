package org.parley.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for driving the REST API in tests. */
public final class ApiClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final HttpClient http;

    public ApiClient(String baseUrl) {
        this(baseUrl, HTTP);
    }

    /** A client of {@code baseUrl} through {@code http} (one that trusts a test proxy's certificate, say). */
    public ApiClient(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    /** A response: status, headers and the body parsed as JSON (a missing node when empty or not JSON). */
    public record Response(int status, Map<String, java.util.List<String>> headers, String text, JsonNode json) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        public String errorCode() {
            return json.path("error").path("code").asString(null);
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, null, token, Map.of());
    }

    public Response post(String path, Object body, String token) {
        return send("POST", path, body, token, Map.of());
    }

    public Response patch(String path, Object body, String token) {
        return send("PATCH", path, body, token, Map.of());
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, null, token, Map.of());
    }

    /** Any request; {@code body} may be a String (sent as is) or an object (sent as JSON). */
    public Response send(String method, String path, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        b.method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
        if (payload != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body());
            } catch (RuntimeException e) {
                json = JSON.missingNode();
            }
            return new Response(r.statusCode(), r.headers().map(), r.body(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

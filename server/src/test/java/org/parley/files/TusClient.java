package org.parley.files;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small tus 1.0.0 client for tests: raw requests with the headers the protocol wants. */
final class TusClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;

    TusClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    static String metadata(String name, String type) {
        StringBuilder b = new StringBuilder("filename " + b64(name));
        if (type != null) b.append(",filetype ").append(b64(type));
        return b.toString();
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> create(long length, String name, String type) {
        return send("POST", "/api/uploads", null, Map.of("Upload-Length", Long.toString(length),
                "Upload-Metadata", metadata(name, type)));
    }

    HttpResponse<String> createWith(long length, String name, byte[] body) {
        return send("POST", "/api/uploads", body, Map.of("Upload-Length", Long.toString(length),
                "Upload-Metadata", metadata(name, null), "Content-Type", TusRoutes.OCTETS));
    }

    HttpResponse<String> patch(String location, long offset, byte[] body) {
        return patch(location, offset, body, Map.of());
    }

    HttpResponse<String> patch(String location, long offset, byte[] body, Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>(Map.of("Upload-Offset", Long.toString(offset),
                "Content-Type", TusRoutes.OCTETS));
        h.putAll(extra);
        return send("PATCH", location, body, h);
    }

    HttpResponse<String> head(String location) {
        return send("HEAD", location, null, Map.of());
    }

    HttpResponse<String> delete(String location) {
        return send("DELETE", location, null, Map.of());
    }

    /** Uploads {@code bytes} whole in one PATCH; returns the file id. */
    String upload(String name, byte[] bytes) {
        var c = create(bytes.length, name, null);
        if (c.statusCode() != 201) throw new IllegalStateException("create: " + c.statusCode() + " " + c.body());
        String location = c.headers().firstValue("Location").orElseThrow();
        var p = patch(location, 0, bytes);
        if (p.statusCode() != 204) throw new IllegalStateException("patch: " + p.statusCode() + " " + p.body());
        return location.substring(location.lastIndexOf('/') + 1);
    }

    HttpResponse<String> send(String method, String path, byte[] body, Map<String, String> headers) {
        return sendRaw(method, path, body, headers, true);
    }

    HttpResponse<String> sendRaw(String method, String path, byte[] body, Map<String, String> headers, boolean tus) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (tus) b.header("Tus-Resumable", "1.0.0");
        headers.forEach(b::header);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        try {
            return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

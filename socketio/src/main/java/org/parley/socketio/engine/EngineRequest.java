package org.parley.socketio.engine;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The HTTP request that opened a session: query, headers (case-insensitive names) and peer address.
 * The headers of the WebSocket handshake itself ({@code Upgrade}, {@code Connection},
 * {@code Sec-WebSocket-*}) mean nothing once the connection is open and are not kept.
 */
public record EngineRequest(Map<String, List<String>> query, Map<String, String> headers, String remoteAddress) {

    private static final Set<String> HANDSHAKE_ONLY = Set.of("upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol");

    public EngineRequest {
        query = Map.copyOf(query);
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (!isHandshakeOnly(name)) caseInsensitive.put(name, value);
        });
        headers = Collections.unmodifiableMap(caseInsensitive);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The header of this name, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /** This request with only the headers named in {@code names} (any case). */
    EngineRequest keeping(Set<String> names) {
        TreeMap<String, String> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : names) {
            String value = headers.get(name);
            if (value != null) kept.put(name, value);
        }
        return kept.size() == headers.size() ? this : new EngineRequest(query, kept, remoteAddress);
    }

    static boolean isHandshakeOnly(String headerName) {
        return HANDSHAKE_ONLY.contains(headerName.toLowerCase(Locale.ROOT));
    }
}

package org.parley.socketio.engine;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The HTTP request that opened a session: query, headers (case-insensitive names) and peer address. */
public record EngineRequest(Map<String, List<String>> query, Map<String, String> headers, String remoteAddress) {

    public EngineRequest {
        query = Map.copyOf(query);
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = Collections.unmodifiableMap(caseInsensitive);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}

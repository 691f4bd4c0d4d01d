package org.parley.errors;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A refusal that the client should see: thrown by services, turned into
 * {@code {"error": {"code", "message", "fields"?}}} by the HTTP layer and into an
 * {@code {error: {...}}} ack by the gateway. Nothing has changed when it is thrown.
 */
public class ParleyException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, String> fields;
    private final Duration retryAfter;

    public ParleyException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public ParleyException(ErrorCode code, String message, Map<String, String> fields, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.fields = Map.copyOf(fields);
        this.retryAfter = retryAfter;
    }

    public static ParleyException invalid(Map<String, String> fields) {
        String message = fields.size() == 1
                ? fields.values().iterator().next()
                : "Some fields are invalid.";
        return new ParleyException(ErrorCode.INVALID_INPUT, message, fields, null);
    }

    public static ParleyException invalid(String field, String message) {
        return new ParleyException(ErrorCode.INVALID_INPUT, message, Map.of(field, message), null);
    }

    public static ParleyException rateLimited(String message, Duration retryAfter) {
        return new ParleyException(ErrorCode.RATE_LIMITED, message, Map.of(), retryAfter);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, String> fields() {
        return fields;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

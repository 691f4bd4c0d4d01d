package org.parley.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.socketio.Ack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every chat event answers its ack with {@code {ok: ...}} or {@code {error: {code, message, ...}}}. */
final class Acks {
    private static final Logger log = LoggerFactory.getLogger(Acks.class);

    private Acks() {}

    static void ok(Ack ack, Object value) {
        ack.send(Map.of("ok", value == null ? Boolean.TRUE : value));
    }

    static void error(Ack ack, Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        Map<String, Object> error = new LinkedHashMap<>();
        if (t instanceof ParleyException p) {
            error.put("code", p.code().code());
            error.put("message", p.getMessage());
            if (!p.fields().isEmpty()) error.put("fields", p.fields());
            p.retryAfter().ifPresent(d -> error.put("retryAfterMs", d.toMillis()));
        } else if (t instanceof BadPayloadException) {
            error.put("code", ErrorCode.INVALID_INPUT.code());
            error.put("message", t.getMessage());
        } else {
            log.error("Chat event failed", t);
            error.put("code", "internal");
            error.put("message", "Something went wrong on the server.");
        }
        ack.send(Map.of("error", error));
    }
}

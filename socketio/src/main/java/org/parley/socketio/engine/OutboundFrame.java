package org.parley.socketio.engine;

import java.nio.charset.StandardCharsets;

/**
 * One Engine.IO packet already encoded for the wire, ready to be queued on any number of sessions.
 * A broadcast builds its frames once and hands the same instances to every recipient.
 */
public sealed interface OutboundFrame {

    /** Approximate size in bytes, used for queue accounting and metrics. */
    int size();

    /**
     * A text packet including its type digit, e.g. {@code 42["hello"]} or {@code 2}, with its UTF-8
     * bytes encoded once: a WebSocket writes these same bytes to every recipient.
     */
    record Text(String encoded, byte[] utf8) implements OutboundFrame {
        public Text(String encoded) {
            this(encoded, encoded.getBytes(StandardCharsets.UTF_8));
        }

        public int size() {
            return utf8.length;
        }
    }

    /** A binary message packet: a raw WebSocket frame, or {@code b<base64>} in a polling payload. */
    record Binary(byte[] data) implements OutboundFrame {
        public int size() {
            return data.length;
        }
    }

    static OutboundFrame of(EnginePacket packet) {
        return switch (packet) {
            case EnginePacket.BinaryMessage m -> new Binary(m.data());
            default -> new Text(EnginePacketCodec.encodeText(packet));
        };
    }
}

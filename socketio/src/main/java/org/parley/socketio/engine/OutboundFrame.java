package org.parley.socketio.engine;

import java.nio.charset.StandardCharsets;

/**
 * One Engine.IO packet already encoded for the wire, ready to be queued on any number of sessions.
 * A broadcast builds its frames once and hands the same instances to every recipient.
 */
public sealed interface OutboundFrame {

    /** Approximate size in bytes, used for queue accounting and metrics. */
    int size();

    /** A text packet including its type digit, e.g. {@code 42["hello"]} or {@code 2}. */
    record Text(String encoded, int size) implements OutboundFrame {
        public Text(String encoded) {
            this(encoded, utf8Length(encoded));
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

    private static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }
}

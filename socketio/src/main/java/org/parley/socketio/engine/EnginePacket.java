package org.parley.socketio.engine;

/**
 * One Engine.IO v4 packet. The type digit on the wire is given by {@link #typeDigit()}; a binary
 * message has no digit over WebSocket (raw frame) and is written as {@code b<base64>} in a polling
 * payload.
 */
public sealed interface EnginePacket {

    char typeDigit();

    /** Bytes the packet took on the wire, roughly (for metrics). */
    default int approximateSize() {
        return switch (this) {
            case TextMessage message -> message.text().length() + 1;
            case BinaryMessage message -> message.data().length;
            default -> 1;
        };
    }

    /** Handshake sent by the server: {@code 0{"sid":...}}. */
    record Open(String json) implements EnginePacket {
        public char typeDigit() { return '0'; }
    }

    /** Either side asks to close the session. */
    record Close() implements EnginePacket {
        public char typeDigit() { return '1'; }
    }

    /** Heartbeat request; carries {@code probe} during an upgrade. */
    record Ping(String data) implements EnginePacket {
        public char typeDigit() { return '2'; }
    }

    /** Heartbeat answer; carries {@code probe} during an upgrade. */
    record Pong(String data) implements EnginePacket {
        public char typeDigit() { return '3'; }
    }

    /** Application payload in text form. */
    record TextMessage(String text) implements EnginePacket {
        public char typeDigit() { return '4'; }
    }

    /** Application payload in binary form. */
    record BinaryMessage(byte[] data) implements EnginePacket {
        public char typeDigit() { return '4'; }
    }

    /** Completes a transport upgrade. */
    record Upgrade() implements EnginePacket {
        public char typeDigit() { return '5'; }
    }

    /** Does nothing; ends a pending long-poll during an upgrade. */
    record Noop() implements EnginePacket {
        public char typeDigit() { return '6'; }
    }
}

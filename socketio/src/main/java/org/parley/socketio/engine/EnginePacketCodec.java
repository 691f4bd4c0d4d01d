package org.parley.socketio.engine;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes Engine.IO v4 packets: single packets (one per WebSocket frame) and polling
 * payloads (packets joined by the record separator {@code \x1e}, binary as {@code b<base64>}).
 */
public final class EnginePacketCodec {

    public static final char RECORD_SEPARATOR = '\u001e';
    private static final String PROBE = "probe";

    private EnginePacketCodec() {}

    /** Decodes one text packet as received from a client. */
    public static EnginePacket decodeText(String text) throws MalformedPacketException {
        if (text.isEmpty()) {
            throw new MalformedPacketException("empty packet");
        }
        String data = text.substring(1);
        return switch (text.charAt(0)) {
            case '1' -> new EnginePacket.Close();
            case '2' -> new EnginePacket.Ping(heartbeatData(data));
            case '3' -> new EnginePacket.Pong(heartbeatData(data));
            case '4' -> new EnginePacket.TextMessage(data);
            case '5' -> new EnginePacket.Upgrade();
            case '6' -> new EnginePacket.Noop();
            default -> throw new MalformedPacketException("unknown packet type");
        };
    }

    private static String heartbeatData(String data) throws MalformedPacketException {
        if (data.isEmpty() || data.equals(PROBE)) {
            return data;
        }
        throw new MalformedPacketException("unexpected heartbeat payload");
    }

    /** Encodes a non-binary packet, type digit first. */
    public static String encodeText(EnginePacket packet) {
        return switch (packet) {
            case EnginePacket.Open open -> "0" + open.json();
            case EnginePacket.Close close -> "1";
            case EnginePacket.Ping ping -> "2" + ping.data();
            case EnginePacket.Pong pong -> "3" + pong.data();
            case EnginePacket.TextMessage message -> "4" + message.text();
            case EnginePacket.Upgrade upgrade -> "5";
            case EnginePacket.Noop noop -> "6";
            case EnginePacket.BinaryMessage binary ->
                    throw new IllegalArgumentException("binary messages have no text form");
        };
    }

    /**
     * Decodes the body of a polling POST. The body must be valid UTF-8; each part is a text packet
     * or {@code b} followed by base64.
     */
    public static List<EnginePacket> decodePayload(byte[] body) throws MalformedPacketException {
        String text = strictUtf8(body);
        if (text.isEmpty()) {
            throw new MalformedPacketException("empty payload");
        }
        List<EnginePacket> packets = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(RECORD_SEPARATOR, start);
            if (end < 0) {
                end = text.length();
            }
            packets.add(decodePart(text.substring(start, end)));
            start = end + 1;
        }
        return packets;
    }

    private static EnginePacket decodePart(String part) throws MalformedPacketException {
        if (!part.isEmpty() && part.charAt(0) == 'b') {
            return new EnginePacket.BinaryMessage(decodeBase64(part));
        }
        return decodeText(part);
    }

    /** Decodes {@code b<base64>}; line breaks are tolerated (some clients wrap or end lines). */
    private static byte[] decodeBase64(String part) throws MalformedPacketException {
        for (int i = 1; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean valid = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=' || c == '\r' || c == '\n';
            if (!valid) {
                throw new MalformedPacketException("invalid base64");
            }
        }
        try {
            return Base64.getMimeDecoder().decode(part.substring(1));
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException("invalid base64");
        }
    }

    /** Joins frames into one polling payload; binary frames become {@code b<base64>}. */
    public static String encodePayload(List<OutboundFrame> frames) {
        StringBuilder out = new StringBuilder();
        for (OutboundFrame frame : frames) {
            if (!out.isEmpty()) {
                out.append(RECORD_SEPARATOR);
            }
            switch (frame) {
                case OutboundFrame.Text text -> out.append(text.encoded());
                case OutboundFrame.Binary binary ->
                        out.append('b').append(Base64.getEncoder().encodeToString(binary.data()));
            }
        }
        return out.toString();
    }

    /** Size of a frame once written into a polling payload. */
    public static int payloadSize(OutboundFrame frame) {
        return switch (frame) {
            case OutboundFrame.Text text -> text.size();
            case OutboundFrame.Binary binary -> 1 + 4 * ((binary.data().length + 2) / 3);
        };
    }

    static String strictUtf8(byte[] bytes) throws MalformedPacketException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPacketException("invalid UTF-8");
        }
    }
}

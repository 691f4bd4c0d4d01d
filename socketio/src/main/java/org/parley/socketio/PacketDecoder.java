package org.parley.socketio;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Decodes the Socket.IO packets of one connection. Stateful: a BINARY_EVENT or BINARY_ACK header
 * is held until all of its attachments have arrived as binary messages. Anything out of protocol
 * throws {@link InvalidPacketException}.
 */
public final class PacketDecoder {

    static final int MAX_ACK_ID_DIGITS = 15;
    static final int MAX_NAMESPACE_LENGTH = 256;
    private static final Set<String> RESERVED_EVENTS = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

    private final int maxAttachments;
    private Partial partial;

    public PacketDecoder(int maxAttachments) {
        this.maxAttachments = maxAttachments;
    }

    /** Decodes a text message; returns null while a binary packet waits for its attachments. */
    public SocketPacket onText(String text) throws InvalidPacketException {
        if (partial != null) {
            throw new InvalidPacketException("text received while waiting for attachments");
        }
        Header header = parseHeader(text);
        JsonNode data = parseJson(text, header.payloadStart());
        validate(header, data);
        if (header.attachments() < 0) {
            return toPacket(header, data);
        }
        partial = new Partial(header, data, new ArrayList<>(header.attachments()));
        return header.attachments() == 0 ? complete() : null;
    }

    /** Adds a binary attachment; returns the packet once its last attachment arrived. */
    public SocketPacket onBinary(byte[] attachment) throws InvalidPacketException {
        if (partial == null) {
            throw new InvalidPacketException("unexpected binary message");
        }
        partial.attachments().add(attachment);
        return partial.attachments().size() == partial.header().attachments() ? complete() : null;
    }

    public boolean awaitingAttachments() {
        return partial != null;
    }

    private SocketPacket complete() throws InvalidPacketException {
        Partial done = partial;
        partial = null;
        JsonNode data = BinaryPlaceholders.insert(done.data(), done.attachments());
        return toPacket(done.header(), data);
    }

    private Header parseHeader(String text) throws InvalidPacketException {
        int n = text.length();
        if (n == 0) {
            throw new InvalidPacketException("empty packet");
        }
        int type = text.charAt(0) - '0';
        if (type < 0 || type > 6) {
            throw new InvalidPacketException("unknown packet type");
        }
        int i = 1;
        int attachments = -1;
        if (type == 5 || type == 6) {
            int start = i;
            while (i < n && isDigit(text.charAt(i)) && i - start < 4) {
                i++;
            }
            if (i == start || i >= n || text.charAt(i) != '-' || i - start > 3) {
                throw new InvalidPacketException("illegal attachments");
            }
            attachments = Integer.parseInt(text, start, i, 10);
            if (attachments > maxAttachments) {
                throw new InvalidPacketException("too many attachments");
            }
            i++;
        }
        String namespace = "/";
        if (i < n && text.charAt(i) == '/') {
            int start = i;
            while (i < n && text.charAt(i) != ',') {
                i++;
            }
            namespace = text.substring(start, i);
            if (namespace.length() > MAX_NAMESPACE_LENGTH) {
                throw new InvalidPacketException("namespace too long");
            }
            if (i < n) {
                i++;
            }
        }
        long ackId = SocketPacket.NO_ACK;
        if (i < n && isDigit(text.charAt(i))) {
            int start = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i - start > MAX_ACK_ID_DIGITS) {
                throw new InvalidPacketException("ack id too large");
            }
            ackId = Long.parseLong(text, start, i, 10);
        }
        return new Header(type, attachments, namespace, ackId, i);
    }

    private static JsonNode parseJson(String text, int start) throws InvalidPacketException {
        if (start >= text.length()) {
            return null;
        }
        try {
            return PacketJson.MAPPER.readTree(text.substring(start));
        } catch (JacksonException e) {
            throw new InvalidPacketException("invalid JSON payload");
        }
    }

    private static void validate(Header header, JsonNode data) throws InvalidPacketException {
        boolean valid = switch (header.type()) {
            case 0 -> (data == null || data.isObject()) && header.ackId() == SocketPacket.NO_ACK;
            case 1 -> data == null && header.ackId() == SocketPacket.NO_ACK;
            case 2, 5 -> data != null && data.isArray() && !data.isEmpty() && data.get(0).isString()
                    && !RESERVED_EVENTS.contains(data.get(0).stringValue());
            case 3, 6 -> data != null && data.isArray() && header.ackId() != SocketPacket.NO_ACK;
            case 4 -> data != null && (data.isObject() || data.isString()) && header.ackId() == SocketPacket.NO_ACK;
            default -> false;
        };
        if (!valid) {
            throw new InvalidPacketException("invalid payload for packet type " + header.type());
        }
    }

    private static SocketPacket toPacket(Header header, JsonNode data) {
        return switch (header.type()) {
            case 0 -> new SocketPacket.Connect(header.namespace(), data);
            case 1 -> new SocketPacket.Disconnect(header.namespace());
            case 2, 5 -> new SocketPacket.Event(header.namespace(), (ArrayNode) data, header.ackId());
            case 3, 6 -> new SocketPacket.Ack(header.namespace(), (ArrayNode) data, header.ackId());
            default -> new SocketPacket.ConnectError(header.namespace(), data);
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private record Header(int type, int attachments, String namespace, long ackId, int payloadStart) {}

    private record Partial(Header header, JsonNode data, List<byte[]> attachments) {}
}

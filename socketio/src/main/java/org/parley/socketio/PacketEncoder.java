package org.parley.socketio;

import java.util.ArrayList;
import java.util.List;
import org.parley.socketio.engine.OutboundFrame;
import tools.jackson.databind.JsonNode;

/**
 * Encodes Socket.IO packets:
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON>]} plus one binary frame per attachment.
 */
public final class PacketEncoder {

    private PacketEncoder() {}

    public static EncodedPacket encode(SocketPacket packet) {
        return switch (packet) {
            case SocketPacket.Connect connect -> textOnly(0, connect.namespace(), SocketPacket.NO_ACK, connect.data());
            case SocketPacket.Disconnect disconnect -> textOnly(1, disconnect.namespace(), SocketPacket.NO_ACK, null);
            case SocketPacket.Event event -> withAttachments(2, 5, event.namespace(), event.ackId(), event.data());
            case SocketPacket.Ack ack -> withAttachments(3, 6, ack.namespace(), ack.ackId(), ack.data());
            case SocketPacket.ConnectError error -> textOnly(4, error.namespace(), SocketPacket.NO_ACK, error.data());
        };
    }

    /**
     * An EVENT packet {@code [event, ...args, trailing]} ({@code trailing}, the recovery offset,
     * only when not null). Arguments without binary data are written straight to JSON text.
     */
    public static EncodedPacket event(String namespace, long ackId, String event, Object[] args, String trailing) {
        String json = PacketJson.directArray(event, args, trailing);
        if (json != null) {
            return text(2, namespace, ackId, json);
        }
        tools.jackson.databind.node.ArrayNode data = Namespace.eventData(event, args);
        if (trailing != null) data.add(trailing);
        return encode(new SocketPacket.Event(namespace, data, ackId));
    }

    /** An ACK packet carrying {@code args}, written straight to JSON text when none holds binary data. */
    public static EncodedPacket ack(String namespace, long ackId, Object[] args) {
        String json = PacketJson.directArray(null, args, null);
        if (json != null) {
            return text(3, namespace, ackId, json);
        }
        return encode(new SocketPacket.Ack(namespace, Namespace.argsArray(args), ackId));
    }

    private static EncodedPacket textOnly(int type, String namespace, long ackId, JsonNode data) {
        return text(type, namespace, ackId, json(data));
    }

    /** A packet of one text frame: the header, then the JSON already written. */
    private static EncodedPacket text(int type, String namespace, long ackId, String json) {
        return new EncodedPacket(List.of(new OutboundFrame.Text(header(type, 0, namespace, ackId) + json)));
    }

    private static EncodedPacket withAttachments(int plainType, int binaryType, String namespace, long ackId,
            JsonNode data) {
        if (!BinaryPlaceholders.containsBinary(data)) {
            return textOnly(plainType, namespace, ackId, data);
        }
        List<byte[]> attachments = new ArrayList<>();
        JsonNode withPlaceholders = BinaryPlaceholders.extract(data, attachments);
        List<OutboundFrame> frames = new ArrayList<>(attachments.size() + 1);
        frames.add(new OutboundFrame.Text(header(binaryType, attachments.size(), namespace, ackId)
                + json(withPlaceholders)));
        for (byte[] attachment : attachments) {
            frames.add(new OutboundFrame.Binary(attachment));
        }
        return new EncodedPacket(frames);
    }

    private static String header(int type, int attachments, String namespace, long ackId) {
        StringBuilder out = new StringBuilder(32).append('4').append(type);
        if (attachments > 0) {
            out.append(attachments).append('-');
        }
        if (!"/".equals(namespace)) {
            out.append(namespace).append(',');
        }
        if (ackId != SocketPacket.NO_ACK) {
            out.append(ackId);
        }
        return out.toString();
    }

    private static String json(JsonNode data) {
        return data == null ? "" : PacketJson.MAPPER.writeValueAsString(data);
    }
}

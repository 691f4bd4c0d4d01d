package org.parley.socketio;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * One Socket.IO v5 packet. Binary attachments are carried inside {@code data} as binary nodes; the
 * codec turns them into placeholders plus separate frames (BINARY_EVENT / BINARY_ACK) and back.
 */
public sealed interface SocketPacket {

    /** The ack id of a packet that asks for no acknowledgement. */
    long NO_ACK = -1;

    String namespace();

    /** CONNECT: from a client with an optional auth object; from the server with {@code {sid}}. */
    record Connect(String namespace, JsonNode data) implements SocketPacket {}

    /** DISCONNECT from a namespace. */
    record Disconnect(String namespace) implements SocketPacket {}

    /** EVENT or BINARY_EVENT: {@code data} is the event name followed by its arguments. */
    record Event(String namespace, ArrayNode data, long ackId) implements SocketPacket {
        public boolean wantsAck() {
            return ackId != NO_ACK;
        }

        public String name() {
            return data.get(0).stringValue();
        }
    }

    /** ACK or BINARY_ACK: the arguments answering the event with the same id. */
    record Ack(String namespace, ArrayNode data, long ackId) implements SocketPacket {}

    /** CONNECT_ERROR: {@code {"message": ...}} telling why a namespace refused the client. */
    record ConnectError(String namespace, JsonNode data) implements SocketPacket {}
}

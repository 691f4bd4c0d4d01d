package org.parley.socketio;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.parley.socketio.engine.CloseReason;
import org.parley.socketio.engine.EngineListener;
import org.parley.socketio.engine.EngineSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Socket.IO side of one Engine.IO session: decodes its packets (on the transport thread),
 * routes them to its sockets (one per namespace) on its own ordered handler thread, and closes
 * the whole connection on any protocol violation.
 */
final class ClientConnection implements EngineListener {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final SocketIoServer server;
    private final EngineSession session;
    private final PacketDecoder decoder;
    private final SerialExecutor handlers;
    // most connections join one namespace: small tables
    private final Map<String, SocketIoSocket> sockets = new ConcurrentHashMap<>(1);
    private final Set<String> joinedOnce = ConcurrentHashMap.newKeySet(1);
    private final ScheduledFuture<?> connectTimeout;
    private volatile boolean closed;

    ClientConnection(SocketIoServer server, EngineSession session) {
        this.server = server;
        this.session = session;
        this.decoder = new PacketDecoder(server.config().maxAttachments());
        this.handlers = new SerialExecutor(server.config().maxPendingEvents());
        this.connectTimeout = server.schedule(this::closeIfNoNamespace, server.config().connectTimeout());
    }

    SocketIoServer server() {
        return server;
    }

    EngineSession session() {
        return session;
    }

    boolean send(EncodedPacket packet) {
        return session.send(packet.frames());
    }

    // ---- from the transport ------------------------------------------------------------------

    @Override
    public void onMessage(String text) {
        SocketPacket packet;
        try {
            packet = decoder.onText(text);
        } catch (InvalidPacketException e) {
            protocolError(e.getMessage());
            return;
        }
        dispatch(packet);
    }

    @Override
    public void onBinary(byte[] data) {
        SocketPacket packet;
        try {
            packet = decoder.onBinary(data);
        } catch (InvalidPacketException e) {
            protocolError(e.getMessage());
            return;
        }
        dispatch(packet);
    }

    @Override
    public void onClose(CloseReason reason) {
        closed = true;
        connectTimeout.cancel(false);
        handlers.executeAlways(() -> {
            DisconnectReason why = DisconnectReason.of(reason);
            for (SocketIoSocket socket : List.copyOf(sockets.values())) {
                socket.onDisconnect(why);
            }
            sockets.clear();
        });
    }

    private void dispatch(SocketPacket packet) {
        if (packet == null || closed) {
            return;
        }
        if (!handlers.execute(() -> handle(packet))) {
            LOG.info("closing session {}: client sends faster than its handlers run", session.id());
            session.close(CloseReason.FORCED_CLOSE);
        }
    }

    // ---- on the handler thread ---------------------------------------------------------------

    private void handle(SocketPacket packet) {
        if (closed) {
            return;
        }
        switch (packet) {
            case SocketPacket.Connect connect -> connect(connect);
            case SocketPacket.Disconnect disconnect -> {
                SocketIoSocket socket = sockets.remove(disconnect.namespace());
                if (socket != null) {
                    socket.onDisconnect(DisconnectReason.NamespaceLeft.CLIENT_NAMESPACE_DISCONNECT);
                } else {
                    requireJoinedOnce(disconnect.namespace());
                }
            }
            case SocketPacket.Event event -> {
                SocketIoSocket socket = sockets.get(event.namespace());
                if (socket != null) {
                    socket.onEvent(event);
                } else {
                    requireJoinedOnce(event.namespace());
                }
            }
            case SocketPacket.Ack ack -> {
                SocketIoSocket socket = sockets.get(ack.namespace());
                if (socket != null) {
                    socket.onAck(ack);
                } else {
                    requireJoinedOnce(ack.namespace());
                }
            }
            case SocketPacket.ConnectError error -> protocolError("CONNECT_ERROR from a client");
        }
    }

    private void connect(SocketPacket.Connect connect) {
        String name = connect.namespace();
        Namespace namespace = server.findNamespace(name).orElse(null);
        if (namespace == null) {
            send(PacketEncoder.encode(new SocketPacket.ConnectError(name, errorData("Invalid namespace", null))));
            return;
        }
        if (sockets.containsKey(name)) {
            LOG.debug("session {} already in namespace {}", session.id(), name);
            return;
        }
        ObjectNode auth = connect.data() == null
                ? PacketJson.NODES.objectNode()
                : (ObjectNode) connect.data();
        SocketIoSocket socket = namespace.connect(this, auth);
        if (socket != null) {
            sockets.put(name, socket);
            joinedOnce.add(name);
            connectTimeout.cancel(false);
            session.admitted();
            namespace.fireConnection(socket);
            socket.forgetAuth();
        }
    }

    /** Packets for a namespace the client never joined are a protocol violation; late ones are not. */
    private void requireJoinedOnce(String namespace) {
        if (!joinedOnce.contains(namespace)) {
            protocolError("packet for namespace " + namespace + " before CONNECT");
        }
    }

    /** Runs a server-side disconnect on the handler thread, in order with client packets. */
    void disconnectSocket(SocketIoSocket socket, boolean closeConnection) {
        handlers.executeAlways(() -> {
            if (sockets.remove(socket.namespace().name(), socket)) {
                send(PacketEncoder.encode(new SocketPacket.Disconnect(socket.namespace().name())));
                socket.onDisconnect(DisconnectReason.NamespaceLeft.SERVER_NAMESPACE_DISCONNECT);
            }
            if (closeConnection) {
                session.closeGracefully(CloseReason.FORCED_CLOSE);
            }
        });
    }

    private void closeIfNoNamespace() {
        if (sockets.isEmpty() && !closed) {
            LOG.debug("closing session {}: no namespace joined in time", session.id());
            session.close(CloseReason.FORCED_CLOSE);
        }
    }

    private void protocolError(String why) {
        LOG.debug("closing session {}: {}", session.id(), why);
        session.rejectMalformed(why);
    }

    static ObjectNode errorData(String message, tools.jackson.databind.JsonNode data) {
        ObjectNode error = PacketJson.NODES.objectNode();
        error.put("message", message);
        if (data != null) {
            error.set("data", data);
        }
        return error;
    }
}

package org.parley.gateway;

import org.parley.auth.AccessTokenVerifier;
import org.parley.auth.Principal;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.socketio.ConnectMiddleware;
import org.parley.socketio.ConnectionRefusedException;
import org.parley.socketio.Namespace;
import org.parley.socketio.SocketIoSocket;
import org.parley.bus.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the chat namespace: the client connects with {@code auth: {token}} (an access
 * token); a missing or rejected token gets CONNECT_ERROR {@code {"message":"unauthorized"}}. An
 * admitted socket carries its {@link Principal} and is in its user's room, so events can be sent
 * to every connection of a user with {@code namespace.to(userRoom(id))}.
 */
public final class ChatNamespaceAuth implements ConnectMiddleware {

    public static final String UNAUTHORIZED = "unauthorized";
    /** The refusal while the server cannot check the session or read the user's rooms: connect again later. */
    public static final String UNAVAILABLE = ErrorCode.UNAVAILABLE.code();
    private static final Logger LOG = LoggerFactory.getLogger(ChatNamespaceAuth.class);
    private static final String PRINCIPAL = Principal.class.getName();

    private final AccessTokenVerifier verifier;

    public ChatNamespaceAuth(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** Adds the token check to {@code namespace} and puts every admitted socket in its user room. */
    public void install(Namespace namespace) {
        namespace.use(this);
        namespace.onConnection(socket -> socket.join(userRoom(principal(socket).userId())));
    }

    @Override
    public void authorize(SocketIoSocket socket) throws ConnectionRefusedException {
        String token = socket.handshake().authString("token");
        if (token == null || token.isBlank()) {
            throw new ConnectionRefusedException(UNAUTHORIZED);
        }
        Principal principal;
        try {
            principal = verifier.verify(token).orElse(null);
        } catch (ParleyException e) {
            // the session could not be checked: not the client's fault, and not a reason to sign it out
            if (e.code() == ErrorCode.UNAVAILABLE) throw new ConnectionRefusedException(UNAVAILABLE);
            LOG.warn("token verification failed", e);
            principal = null;
        } catch (RuntimeException e) {
            LOG.warn("token verification failed", e);
            principal = null;
        }
        if (principal == null) {
            throw new ConnectionRefusedException(UNAUTHORIZED);
        }
        socket.attributes().put(PRINCIPAL, principal);
    }

    /** The user behind an admitted socket. */
    public static Principal principal(SocketIoSocket socket) {
        return socket.attribute(PRINCIPAL, Principal.class)
                .orElseThrow(() -> new IllegalStateException(socket + " has no principal"));
    }

    /** The room every socket of one user is in. */
    public static String userRoom(long userId) {
        return Topic.user(userId).key();
    }
}

package org.parley.push;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.storage.Database;

/**
 * A user's push subscriptions: at most {@value #MAX_PER_USER} each, one per endpoint (subscribing
 * again replaces the keys), tied to the session that made them, so signing out of that session
 * drops them. Endpoints must be https (http only on a loopback host, for local testing).
 */
public final class PushService {
    public static final int MAX_PER_USER = 10;
    static final int MAX_ENDPOINT = 2048;
    private final Database db;
    private final Clock clock;
    private final PushSubscriptionStore store = new PushSubscriptionStore();

    public PushService(Database db, EventBus bus, Clock clock) {
        this.db = db;
        this.clock = clock;
        bus.subscribe(event -> {
            if (event instanceof BusEvent.SessionRevoked revoked && revoked.sessionId() != null) {
                try {
                    db.withHandle(h -> {
                        store.deleteSession(h, revoked.userId(), revoked.sessionId());
                        return null;
                    });
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(PushService.class).debug("Could not drop the push subscriptions of a session", e);
                }
            }
        });
    }

    public void subscribe(Principal me, SubscribePush command) {
        checkEndpoint(command.endpoint());
        checkKey(command.p256dh(), "keys.p256dh", 65);
        checkKey(command.auth(), "keys.auth", 16);
        try {
            PushCrypto.publicKey(Base64.getUrlDecoder().decode(command.p256dh()));
        } catch (java.security.GeneralSecurityException e) {
            throw ParleyException.invalid("keys.p256dh", "keys.p256dh is not a P-256 public key.");
        }
        PushSubscription s = new PushSubscription(me.userId(), command.endpoint(), command.p256dh(), command.auth());
        db.inTransaction(h -> {
            var owner = store.ownerOf(h, s.endpoint());
            if (owner.isPresent()) {
                store.replace(h, s, me.sessionId());
                return null;
            }
            if (store.count(h, me.userId()) >= MAX_PER_USER) {
                throw new ParleyException(ErrorCode.QUOTA_EXCEEDED,
                        "At most " + MAX_PER_USER + " browsers can take notifications; turn them off in one first.");
            }
            store.insert(h, s, me.sessionId(), clock.millis());
            return null;
        });
    }

    public void unsubscribe(Principal me, String endpoint) {
        db.withHandle(h -> store.delete(h, me.userId(), endpoint));
    }

    /** The endpoints of the user's subscriptions, oldest first. */
    public List<String> endpoints(Principal me) {
        return db.withHandle(h -> store.ofUser(h, me.userId())).stream().map(PushSubscription::endpoint).toList();
    }

    List<PushSubscription> subscriptionsOf(java.util.Collection<Long> userIds) {
        return db.withHandle(h -> store.ofUsers(h, userIds));
    }

    /** The push service said the subscription is gone (404, 410). */
    void expired(String endpoint) {
        db.withHandle(h -> {
            store.deleteEndpoint(h, endpoint);
            return null;
        });
    }

    static void checkEndpoint(String endpoint) {
        if (endpoint.length() > MAX_ENDPOINT) throw ParleyException.invalid("endpoint", "endpoint is too long.");
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw ParleyException.invalid("endpoint", "endpoint is not a URL.");
        }
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null) throw ParleyException.invalid("endpoint", "endpoint is not a URL.");
        if ("https".equals(uri.getScheme())) return;
        if ("http".equals(uri.getScheme()) && loopback(host)) return;
        throw ParleyException.invalid("endpoint", "endpoint must be an https URL.");
    }

    private static boolean loopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) return true;
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) return false; // a name: never resolved here
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static void checkKey(String value, String field, int length) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw ParleyException.invalid(field, field + " must be base64url.");
        }
        if (bytes.length != length) throw ParleyException.invalid(field, field + " must be " + length + " bytes.");
    }
}

package org.parley.push;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for {@code push_subscriptions}: one row per endpoint. */
final class PushSubscriptionStore {

    int count(Handle h, long userId) {
        return h.createQuery("SELECT COUNT(*) FROM push_subscriptions WHERE user_id = :user")
                .bind("user", userId).mapTo(Integer.class).one();
    }

    /** The owner of an endpoint, if it is stored. */
    java.util.Optional<Long> ownerOf(Handle h, String endpoint) {
        return h.createQuery("SELECT user_id FROM push_subscriptions WHERE endpoint = :endpoint")
                .bind("endpoint", endpoint).mapTo(Long.class).findOne();
    }

    void insert(Handle h, PushSubscription s, String sessionId, long now) {
        h.createUpdate("""
                        INSERT INTO push_subscriptions (user_id, session_id, endpoint, p256dh, auth, created_at)
                        VALUES (:user, :session, :endpoint, :p256dh, :auth, :now)""")
                .bind("user", s.userId()).bind("session", sessionId).bind("endpoint", s.endpoint())
                .bind("p256dh", s.p256dh()).bind("auth", s.auth()).bind("now", now).execute();
    }

    void replace(Handle h, PushSubscription s, String sessionId) {
        h.createUpdate("""
                        UPDATE push_subscriptions SET user_id = :user, session_id = :session, p256dh = :p256dh, auth = :auth
                        WHERE endpoint = :endpoint""")
                .bind("user", s.userId()).bind("session", sessionId).bind("endpoint", s.endpoint())
                .bind("p256dh", s.p256dh()).bind("auth", s.auth()).execute();
    }

    int delete(Handle h, long userId, String endpoint) {
        return h.createUpdate("DELETE FROM push_subscriptions WHERE user_id = :user AND endpoint = :endpoint")
                .bind("user", userId).bind("endpoint", endpoint).execute();
    }

    void deleteEndpoint(Handle h, String endpoint) {
        h.createUpdate("DELETE FROM push_subscriptions WHERE endpoint = :endpoint").bind("endpoint", endpoint).execute();
    }

    void deleteSession(Handle h, long userId, String sessionId) {
        h.createUpdate("DELETE FROM push_subscriptions WHERE user_id = :user AND session_id = :session")
                .bind("user", userId).bind("session", sessionId).execute();
    }

    List<PushSubscription> ofUsers(Handle h, Collection<Long> userIds) {
        if (userIds.isEmpty()) return List.of();
        return h.createQuery("SELECT user_id, endpoint, p256dh, auth FROM push_subscriptions WHERE user_id IN (<users>) ORDER BY id")
                .bindList("users", List.copyOf(userIds))
                .map((rs, ctx) -> new PushSubscription(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    List<PushSubscription> ofUser(Handle h, long userId) {
        return ofUsers(h, List.of(userId));
    }
}

package org.parley.auth;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for refresh tokens. Only SHA-256 hashes of the tokens are stored. */
final class RefreshTokenStore {

    void insert(Handle h, String familyId, long userId, String tokenHash, long now, long expiresAt) {
        h.createUpdate("""
                        INSERT INTO refresh_tokens (family_id, user_id, token_hash, created_at, expires_at)
                        VALUES (:family, :user, :hash, :now, :expires)""")
                .bind("family", familyId).bind("user", userId).bind("hash", tokenHash)
                .bind("now", now).bind("expires", expiresAt).execute();
    }

    Optional<RefreshToken> findByHash(Handle h, String tokenHash) {
        return h.createQuery("""
                        SELECT id, family_id, user_id, expires_at, used_at, revoked_at
                          FROM refresh_tokens WHERE token_hash = :hash""")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new RefreshToken(rs.getLong("id"), rs.getString("family_id"), rs.getLong("user_id"),
                        rs.getLong("expires_at"), nullableLong(rs, "used_at"), nullableLong(rs, "revoked_at")))
                .findOne();
    }

    /** Marks the token spent; false when it already was (a concurrent or repeated use). */
    boolean markUsed(Handle h, long id, long now) {
        return h.createUpdate("UPDATE refresh_tokens SET used_at = :now WHERE id = :id AND used_at IS NULL")
                .bind("now", now).bind("id", id).execute() == 1;
    }

    void revokeFamily(Handle h, String familyId, long now) {
        h.createUpdate("UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :family AND revoked_at IS NULL")
                .bind("now", now).bind("family", familyId).execute();
    }

    /** Whether the family has a token that was not revoked: the session it names is live. */
    boolean isFamilyLive(Handle h, String familyId) {
        return h.createQuery("SELECT 1 FROM refresh_tokens WHERE family_id = :family AND revoked_at IS NULL LIMIT 1")
                .bind("family", familyId).mapTo(Integer.class).findOne().isPresent();
    }

    /** The live sessions of a user. */
    List<String> liveFamilies(Handle h, long userId) {
        return h.createQuery("SELECT DISTINCT family_id FROM refresh_tokens WHERE user_id = :user AND revoked_at IS NULL")
                .bind("user", userId).mapTo(String.class).list();
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}

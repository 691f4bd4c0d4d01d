package org.parley.auth;

/** A stored refresh token (by hash). Spent once used; a whole family is revoked together. */
record RefreshToken(long id, String familyId, long userId, long expiresAt, Long usedAt, Long revokedAt) {}

package org.parley.auth;

import org.parley.users.User;

/** What a successful register, login or refresh returns to the client. */
public record AuthSession(User user, String accessToken, String refreshToken, long expiresIn) {}

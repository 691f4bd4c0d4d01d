package org.parley.auth;

/**
 * The signed-in user behind a request or a socket, as proven by a verified access token.
 * {@code sessionId} names the sign-in session (the refresh-token family) the token belongs to,
 * so that signing out can close exactly that session's sockets.
 */
public record Principal(long userId, String username, String sessionId) {}

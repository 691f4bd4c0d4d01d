package org.parley.auth;

import java.util.Optional;

/**
 * The access-token check every request and socket connection goes through: a token is accepted
 * only when it verifies ({@link AccessTokens}) and its session is still live
 * ({@link SessionRevocations}), so ending a session ends its access tokens at once.
 */
public final class SessionCheckedTokens implements AccessTokenVerifier {
    private final AccessTokenVerifier tokens;
    private final SessionRevocations sessions;

    public SessionCheckedTokens(AccessTokenVerifier tokens, SessionRevocations sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @Override
    public Optional<Principal> verify(String token) {
        return tokens.verify(token).filter(principal -> sessions.isLive(principal.sessionId()));
    }
}

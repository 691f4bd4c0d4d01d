package org.parley.auth;

import java.util.Optional;

/** Verifies an access JWT; empty when the token is missing, malformed, forged or expired. */
@FunctionalInterface
public interface AccessTokenVerifier {
    Optional<Principal> verify(String token);
}

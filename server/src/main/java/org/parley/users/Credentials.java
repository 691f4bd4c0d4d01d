package org.parley.users;

/** An account with its stored password hash, for signing in only. */
public record Credentials(User user, String passwordHash) {}

package org.parley.users;

/** An account as other users see it: no email. */
public record PublicUser(long id, String username, String displayName) {}

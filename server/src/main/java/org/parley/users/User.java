package org.parley.users;

/**
 * A registered account as the API shows it (never the password hash). {@code theme} is the
 * colour scheme the account's devices show: "system", "light" or "dark".
 */
public record User(long id, String username, String email, String displayName, long createdAt, String theme) {

    /** What other users may see of an account. */
    public PublicUser toPublic() {
        return new PublicUser(id, username, displayName);
    }
}

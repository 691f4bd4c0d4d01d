package org.parley.users;

/** A registered account as the API shows it (never the password hash). */
public record User(long id, String username, String email, String displayName, long createdAt) {

    /** What other users may see of an account. */
    public PublicUser toPublic() {
        return new PublicUser(id, username, displayName);
    }
}

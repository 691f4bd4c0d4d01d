package org.parley.users;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.storage.Database;

/**
 * What signing up and signing in need from the accounts: whether a name or an email is taken,
 * creating an account in the caller's transaction, the stored credentials of a login, and
 * replacing a password hash.
 */
public final class Accounts {
    private final UserStore store;

    public Accounts(Database db) {
        this.store = new UserStore(db);
    }

    public boolean usernameTaken(Handle h, String username) {
        return store.usernameTaken(h, username);
    }

    public boolean emailTaken(Handle h, String email) {
        return store.emailTaken(h, email);
    }

    /** Creates the account in the caller's transaction; empty when the username or the email is already taken. */
    public Optional<User> create(Handle h, String username, String email, String displayName, String passwordHash,
                                 long now) {
        return store.insert(h, username, email, displayName, passwordHash, now);
    }

    /** The account and its password hash, by username or email (both lower-case). */
    public Optional<Credentials> credentials(String login) {
        return store.findCredentials(login);
    }

    /** Replaces the account's password hash in the caller's transaction. */
    public void changePasswordHash(Handle h, long userId, String passwordHash, long now) {
        store.updatePasswordHash(h, userId, passwordHash, now);
    }

    public Optional<User> find(long userId) {
        return store.findById(userId);
    }
}

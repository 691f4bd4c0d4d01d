package org.parley.users;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.parley.storage.Database;

/**
 * SQL for accounts. Usernames and emails are stored lower-cased, so uniqueness is case-insensitive.
 * Used only inside this package; other features reach accounts through {@link Accounts} and
 * {@link UserDirectory}.
 */
final class UserStore {
    private static final String COLUMNS = "id, username, email, display_name, created_at, theme";

    private final Database db;

    UserStore(Database db) {
        this.db = db;
    }

    /** Inserts an account; empty when the username or the email is already taken. */
    Optional<User> insert(Handle h, String username, String email, String displayName, String passwordHash,
                                 long now) {
        try {
            long id = h.createUpdate("""
                            INSERT INTO users (username, email, display_name, password_hash, created_at, updated_at)
                            VALUES (:username, :email, :displayName, :hash, :now, :now)""")
                    .bind("username", username).bind("email", email).bind("displayName", displayName)
                    .bind("hash", passwordHash).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return Optional.of(new User(id, username, email, displayName, now, UserRules.DEFAULT_THEME));
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) return Optional.empty();
            throw e;
        }
    }

    boolean usernameTaken(Handle h, String username) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE username = :u").bind("u", username)
                .mapTo(Integer.class).one() > 0;
    }

    boolean emailTaken(Handle h, String email) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE email = :e").bind("e", email)
                .mapTo(Integer.class).one() > 0;
    }

    Optional<User> findById(long id) {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> map(rs)).findOne());
    }

    /** Looks an account up by username or email (both lower-case). */
    Optional<Credentials> findCredentials(String login) {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + ", password_hash FROM users WHERE username = :login OR email = :login")
                .bind("login", login)
                .map((rs, ctx) -> new Credentials(map(rs), rs.getString("password_hash")))
                .findFirst());
    }

    void updatePasswordHash(Handle h, long id, String passwordHash, long now) {
        h.createUpdate("UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id")
                .bind("hash", passwordHash).bind("now", now).bind("id", id).execute();
    }

    /** Sets the fields that are given (a null one keeps its value); empty when there is no such account. */
    Optional<User> updateProfile(long id, String displayName, String theme, long now) {
        int changed = db.withHandle(h -> h.createUpdate("""
                        UPDATE users SET display_name = COALESCE(:d, display_name), theme = COALESCE(:t, theme),
                               updated_at = :now
                         WHERE id = :id""")
                .bind("d", displayName).bind("t", theme).bind("now", now).bind("id", id).execute());
        return changed == 0 ? Optional.empty() : findById(id);
    }

    void touchLastSeen(long id, long now) {
        db.withHandle(h -> h.createUpdate("UPDATE users SET last_seen_at = :now WHERE id = :id")
                .bind("now", now).bind("id", id).execute());
    }

    /** When each of these users was last seen (absent: never). */
    java.util.Map<Long, Long> lastSeen(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) return java.util.Map.of();
        java.util.Map<Long, Long> seen = new java.util.HashMap<>();
        db.withHandle(h -> h.createQuery("SELECT id, last_seen_at FROM users WHERE id IN (<ids>) AND last_seen_at IS NOT NULL")
                .bindList("ids", java.util.List.copyOf(ids))
                .map((rs, ctx) -> seen.put(rs.getLong(1), rs.getLong(2))).list());
        return seen;
    }

    /** Accounts whose username or display name starts with {@code prefix} (lower-case), by username. */
    List<User> searchByPrefix(String prefix, int limit) {
        String pattern = escapeLike(prefix) + "%";
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM users
                        WHERE username LIKE :p ESCAPE '!' OR LOWER(display_name) LIKE :p ESCAPE '!'
                        ORDER BY username LIMIT :limit""")
                .bind("p", pattern).bind("limit", limit)
                .map((rs, ctx) -> map(rs)).list());
    }

    private static User map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("email"),
                rs.getString("display_name"), rs.getLong("created_at"), rs.getString("theme"));
    }

    static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                if ("23505".equals(state)) return true; // PostgreSQL unique_violation
                String msg = String.valueOf(sql.getMessage());
                if (msg.contains("UNIQUE constraint failed")) return true; // SQLite
            }
        }
        return false;
    }
}

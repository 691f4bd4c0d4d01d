package org.parley.users;

import java.time.Clock;
import java.util.List;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.errors.Validation;
import org.parley.storage.Database;

/** Profiles: reading and editing one's own account, and finding others to talk to. */
public final class UserService {
    public static final int SEARCH_LIMIT = 20;

    private final UserStore store;
    private final Clock clock;

    public UserService(Database db, Clock clock) {
        this.store = new UserStore(db);
        this.clock = clock;
    }

    public User get(long userId) {
        return store.findById(userId)
                .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "Account not found."));
    }

    /** Changes the display name, the theme, or both; a null field stays as it is, but one must be given. */
    public User updateProfile(long userId, String displayName, String theme) {
        if (displayName == null && theme == null) {
            throw ParleyException.invalid("displayName", "Give a displayName or a theme to change.");
        }
        String name = displayName == null ? null : UserRules.normalizeDisplayName(displayName);
        Validation v = new Validation();
        if (name != null) {
            v.check(!name.isEmpty(), "displayName", "Display name must not be empty.");
            UserRules.checkDisplayName(v, name);
        }
        if (theme != null) UserRules.checkTheme(v, theme);
        v.throwIfInvalid();
        return store.updateProfile(userId, name, theme, clock.millis())
                .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "Account not found."));
    }

    /** Users whose username or display name starts with the query; an empty query finds nobody. */
    public List<PublicUser> search(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT);
        if (q.isEmpty()) return List.of();
        if (q.length() > 64) throw ParleyException.invalid("query", "Query must be at most 64 characters.");
        return store.searchByPrefix(q, SEARCH_LIMIT).stream().map(User::toPublic).toList();
    }
}

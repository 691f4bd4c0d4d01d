package org.parley.users;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.parley.storage.Database;

/** What other features read and note about people: who a user is, and when they were last seen. */
public final class UserDirectory {
    private final UserStore store;

    public UserDirectory(Database db) {
        this.store = new UserStore(db);
    }

    public Optional<User> find(long userId) {
        return store.findById(userId);
    }

    /** When each of these users was last seen (absent: never). */
    public Map<Long, Long> lastSeen(Collection<Long> userIds) {
        return store.lastSeen(userIds);
    }

    public void touchLastSeen(long userId, long now) {
        store.touchLastSeen(userId, now);
    }
}

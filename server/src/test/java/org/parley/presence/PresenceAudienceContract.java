package org.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.config.ParleyConfig;
import org.parley.storage.Database;
import org.parley.testkit.TestDatabase;

/**
 * Which rooms push their members' presence changes: direct rooms, and groups up to the configured
 * size, the limit included; one member more and the group's members watch instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PresenceAudienceContract {
    private static final int PUSH_ROOM_SIZE = 3;

    private final TestDatabase database;
    private final Database db;
    private final PresenceAudience audience = new PresenceAudience(PUSH_ROOM_SIZE);
    private int users;

    PresenceAudienceContract(TestDatabase database) {
        this.database = database;
        this.db = Database.open(new ParleyConfig.Database(database.url(), "", "", 2));
    }

    @AfterAll
    void stop() {
        db.close();
        database.close();
    }

    @Test
    void aGroupOfExactlyThePushSizePushesAndOneMoreDoesNot() {
        List<Long> three = users(3), four = users(4);
        long atLimit = group(three), overLimit = group(four);
        long owner = three.getFirst(), other = four.getFirst();

        assertThat(pushedIn(audience, atLimit)).isTrue();
        assertThat(pushedIn(audience, overLimit)).isFalse();
        // the owners created their groups, so they took part: pushed to the others of a small group only
        assertThat(pushedTo(owner)).containsExactlyInAnyOrderElementsOf(three);
        assertThat(pushedTo(other)).containsExactly(other);
        assertThat(pushedFrom(three.get(1))).containsExactlyInAnyOrder(owner, three.get(1));
        assertThat(pushedFrom(four.get(1))).containsExactly(four.get(1));
    }

    @Test
    void aGroupThatGrowsPastThePushSizeStopsPushingAndPushesAgainWhenItShrinks() {
        List<Long> members = users(4);
        long room = group(members.subList(0, 3));
        assertThat(pushedIn(audience, room)).isTrue();
        db.withHandle(h -> h.execute("INSERT INTO room_members (room_id, user_id, role, joined_at) VALUES (?, ?, 'member', 0)",
                room, members.get(3)));
        assertThat(pushedIn(audience, room)).isFalse();
        db.withHandle(h -> h.execute("DELETE FROM room_members WHERE room_id = ? AND user_id = ?", room, members.get(1)));
        assertThat(pushedIn(audience, room)).isTrue();
    }

    @Test
    void withAPushSizeOfZeroOnlyDirectRoomsPush() {
        PresenceAudience none = new PresenceAudience(0);
        List<Long> two = users(2);
        long group = group(two);
        long direct = room("direct", two);
        assertThat(pushedIn(none, group)).isFalse();
        assertThat(pushedIn(none, direct)).isTrue();
    }

    private List<Long> pushedTo(long userId) {
        return db.withHandle(h -> audience.pushedTo(h, userId));
    }

    private List<Long> pushedFrom(long viewerId) {
        return db.withHandle(h -> audience.pushedFrom(h, viewerId));
    }

    private boolean pushedIn(PresenceAudience which, long roomId) {
        return db.withHandle(h -> which.pushedIn(h, roomId));
    }

    private List<Long> users(int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "aud" + (++users);
            ids.add(db.withHandle(h -> h.createUpdate("""
                            INSERT INTO users (username, email, display_name, password_hash, created_at, updated_at)
                            VALUES (:u, :e, :u, 'x', 0, 0)""")
                    .bind("u", name).bind("e", name + "@example.invalid")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        }
        return ids;
    }

    private long group(List<Long> members) {
        return room("group", members);
    }

    private long room(String kind, List<Long> members) {
        return db.inTransaction(h -> {
            long id = h.createUpdate("""
                            INSERT INTO rooms (kind, name, created_by, created_at, updated_at)
                            VALUES (:kind, 'room', :owner, 0, 0)""")
                    .bind("kind", kind).bind("owner", members.getFirst()).executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class).one();
            for (int i = 0; i < members.size(); i++) {
                h.execute("INSERT INTO room_members (room_id, user_id, role, joined_at) VALUES (?, ?, ?, 0)",
                        id, members.get(i), i == 0 && kind.equals("group") ? "owner" : "member");
            }
            return id;
        });
    }
}

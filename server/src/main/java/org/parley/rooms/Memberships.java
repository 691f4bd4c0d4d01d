package org.parley.rooms;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.storage.Dialect;

/**
 * What other features need to know about and change in rooms, always on the caller's handle, so
 * it takes part in the caller's transaction: who is a member, read marks, the room's counters
 * ({@code last_seq}, {@code last_rev}), and who shares a room with whom. Methods that take many
 * keys cost one statement on PostgreSQL, as {@link RoomStore} describes.
 */
public final class Memberships {
    private final RoomStore rooms;
    private final RoomAccess access;

    public Memberships(Dialect dialect) {
        this.rooms = new RoomStore(dialect);
        this.access = new RoomAccess(rooms);
    }

    /** The room and the user's membership; {@code not_found} for outsiders and for rooms that do not exist. */
    public RoomAccess.Membership requireMember(Handle h, long roomId, long userId) {
        return access.requireMember(h, roomId, userId);
    }

    /**
     * {@code not_found} for outsiders and for rooms that do not exist, exactly as {@link #requireMember},
     * for callers that need nothing of the room or the member: one primary-key probe.
     */
    public void requireMembership(Handle h, long roomId, long userId) {
        if (!rooms.isMember(h, roomId, userId)) throw RoomAccess.notFound();
    }

    /** The room and the user's membership, empty when either is missing. */
    public Optional<RoomAccess.Membership> find(Handle h, long roomId, long userId) {
        return rooms.membership(h, roomId, userId)
                .flatMap(member -> rooms.find(h, roomId).map(room -> new RoomAccess.Membership(room, member)));
    }

    /** The memberships among these keys that exist; a key that is not a membership is absent. */
    public Map<MemberKey, Member> memberships(Handle h, Collection<MemberKey> keys) {
        return rooms.memberships(h, keys);
    }

    /** Moves one read mark forward only; true when it moved. */
    public boolean markRead(Handle h, long roomId, long userId, long seq) {
        return rooms.markRead(h, roomId, userId, seq);
    }

    /** Moves each member's read mark forward to the seq given for them; a mark already beyond stays. */
    public void markRead(Handle h, Map<MemberKey, Long> seqs) {
        rooms.markRead(h, seqs);
    }

    /**
     * Takes {@code n} new seqs (and revs) in each room, for new messages, and moves its last message
     * time; returns each room's {last_seq, last_rev} afterwards, the last of the range taken.
     */
    public Map<Long, long[]> takeSeqs(Handle h, Map<Long, Integer> countByRoom, long now) {
        return rooms.advanceCounters(h, countByRoom, now);
    }

    /** Takes the room's next rev, for a change to one of its messages. */
    public long takeRev(Handle h, long roomId) {
        return rooms.nextRev(h, roomId);
    }

    /** Per room, the members among the given usernames and their ids (for mentions). */
    public Map<Long, Map<String, Long>> membersNamed(Handle h, Map<Long, ? extends Collection<String>> namesByRoom) {
        return rooms.membersNamed(h, namesByRoom);
    }

    /** The messages after {@code afterSeq} that mention the user or the room, by others, not deleted. */
    public long mentionCount(Handle h, long roomId, long userId, long afterSeq) {
        return rooms.mentionCount(h, roomId, userId, afterSeq);
    }

    public List<Long> memberIds(Handle h, long roomId) {
        return rooms.memberIds(h, roomId);
    }

    /** Users who share at least one room with {@code userId}, the user included. */
    public List<Long> contactsOf(Handle h, long userId) {
        return rooms.contactsOf(h, userId);
    }

    /** Each member's notification settings for the room, by user id. */
    public Map<Long, NotificationSettings> notificationsOf(Handle h, long roomId) {
        return rooms.memberNotifications(h, roomId);
    }

    /** The room (its kind and name), whoever asks; empty when it does not exist. */
    public Optional<Room> room(Handle h, long roomId) {
        return rooms.find(h, roomId);
    }
}

package org.parley.bus;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.parley.messages.Message;
import org.parley.rooms.Member;
import org.parley.rooms.Room;

/**
 * Everything that happens and that sockets on any node may need to hear. Published by services
 * after commit; the gateway turns each into socket events for the right rooms and users.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = BusEvent.MessageCreated.class, name = "message_created"),
    @JsonSubTypes.Type(value = BusEvent.MessageChanged.class, name = "message_changed"),
    @JsonSubTypes.Type(value = BusEvent.ReadMarkMoved.class, name = "read_mark_moved"),
    @JsonSubTypes.Type(value = BusEvent.RoomUpdated.class, name = "room_updated"),
    @JsonSubTypes.Type(value = BusEvent.MemberAdded.class, name = "member_added"),
    @JsonSubTypes.Type(value = BusEvent.MemberUpdated.class, name = "member_updated"),
    @JsonSubTypes.Type(value = BusEvent.MemberRemoved.class, name = "member_removed"),
    @JsonSubTypes.Type(value = BusEvent.RoomDeleted.class, name = "room_deleted"),
    @JsonSubTypes.Type(value = BusEvent.TypingChanged.class, name = "typing_changed"),
    @JsonSubTypes.Type(value = BusEvent.PresenceChanged.class, name = "presence_changed"),
    @JsonSubTypes.Type(value = BusEvent.SessionRevoked.class, name = "session_revoked"),
})
public sealed interface BusEvent {

    /** A new message (text or system) was committed. */
    record MessageCreated(Message message) implements BusEvent {}

    /** A message was edited, deleted or reacted to; carries its new state. */
    record MessageChanged(Message message) implements BusEvent {}

    /** A member read up to {@code seq}; {@code unreadCount} is what is left for them. */
    record ReadMarkMoved(long roomId, long userId, long seq, long unreadCount) implements BusEvent {}

    /** A room's name or description changed. */
    record RoomUpdated(Room room) implements BusEvent {}

    /** A user joined a room (created with it, opened a direct room, or was added). */
    record MemberAdded(Room room, Member member) implements BusEvent {}

    /** A member's role changed. */
    record MemberUpdated(long roomId, Member member) implements BusEvent {}

    /** A user left or was removed; their sockets stop hearing the room at once. */
    record MemberRemoved(long roomId, long userId) implements BusEvent {}

    /** A room was deleted; {@code memberIds} were its members. */
    record RoomDeleted(long roomId, List<Long> memberIds) implements BusEvent {}

    /** Someone started or stopped typing in a room. */
    record TypingChanged(long roomId, long userId, String username, boolean typing) implements BusEvent {}

    /** A user's presence changed; {@code audience} are the users who share a room with them. */
    record PresenceChanged(long userId, String status, Long lastSeenAt, List<Long> audience) implements BusEvent {}

    /** A sign-in session ended (logout or revoked); its sockets are closed. */
    record SessionRevoked(long userId, String sessionId) implements BusEvent {}
}

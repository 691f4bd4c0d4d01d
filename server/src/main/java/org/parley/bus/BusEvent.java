package org.parley.bus;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The vocabulary between nodes: everything that happens and that sockets on any node may need to
 * hear. Published by services after commit; each node's gateway turns every event into socket
 * events for its own sockets.
 *
 * <p>Events carry only ids, primitives, strings and {@link JsonPayload}s that the publishing
 * service serialized, never a feature's records, so the bus depends on no feature. A field the
 * gateway routes by (a room id, a user id) is a field of the event, not something to dig out of a
 * payload.
 *
 * <p>Every event belongs to one {@link Topic}: the nodes that have sockets in that topic are the
 * nodes that need it. What reaches a room and one of its members (a read mark, a removal) takes the
 * room's topic: every socket of a member is in the room, so the room's listeners include the
 * member's. A user added to a room is not in it yet, so that takes two events: {@link RoomJoined}
 * to the user and {@link MemberAdded} to the room, published in that order.
 *
 * <p>A cluster carries each event to the nodes that have sockets in its topic, except the few that
 * {@link #everyNode()}: {@link PresenceChanged} (its audience is a list of users, not one topic),
 * {@link SessionRevoked} (every node's session cache must hear it, sockets or not) and
 * {@link MemberAdded} (the node counting the newcomer's connections announces their presence to
 * the room, and may not have a socket in the room yet).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = BusEvent.MessageCreated.class, name = "message_created"),
    @JsonSubTypes.Type(value = BusEvent.MessageChanged.class, name = "message_changed"),
    @JsonSubTypes.Type(value = BusEvent.ReadMarkMoved.class, name = "read_mark_moved"),
    @JsonSubTypes.Type(value = BusEvent.ThreadReadMoved.class, name = "thread_read_moved"),
    @JsonSubTypes.Type(value = BusEvent.RoomUpdated.class, name = "room_updated"),
    @JsonSubTypes.Type(value = BusEvent.RoomJoined.class, name = "room_joined"),
    @JsonSubTypes.Type(value = BusEvent.NotificationSettingsChanged.class, name = "notification_settings_changed"),
    @JsonSubTypes.Type(value = BusEvent.MemberAdded.class, name = "member_added"),
    @JsonSubTypes.Type(value = BusEvent.MemberUpdated.class, name = "member_updated"),
    @JsonSubTypes.Type(value = BusEvent.MemberRemoved.class, name = "member_removed"),
    @JsonSubTypes.Type(value = BusEvent.RoomDeleted.class, name = "room_deleted"),
    @JsonSubTypes.Type(value = BusEvent.TypingChanged.class, name = "typing_changed"),
    @JsonSubTypes.Type(value = BusEvent.PresenceChanged.class, name = "presence_changed"),
    @JsonSubTypes.Type(value = BusEvent.SessionRevoked.class, name = "session_revoked"),
    @JsonSubTypes.Type(value = BusEvent.CallSignalled.class, name = "call_signalled"),
    @JsonSubTypes.Type(value = BusEvent.CallRinging.class, name = "call_ringing"),
    @JsonSubTypes.Type(value = BusEvent.CallUpdated.class, name = "call_updated"),
    @JsonSubTypes.Type(value = BusEvent.CallEnded.class, name = "call_ended"),
})
public sealed interface BusEvent {

    /** Who needs to hear this event. */
    Topic topic();

    /** True when every node must hear this event, whether or not it has sockets in its topic. */
    default boolean everyNode() {
        return false;
    }

    /**
     * A new message (text or system) was committed; {@code message} is the message as clients see
     * it, and {@code seq} its gap-free position in the room (by which a node puts a room's messages
     * in order and notices one it missed).
     */
    record MessageCreated(long roomId, long seq, JsonPayload message) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.room(roomId);
        }
    }

    /** A message was edited, deleted or reacted to; {@code message} is its new state. */
    record MessageChanged(long roomId, JsonPayload message) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.room(roomId);
        }
    }

    /**
     * A member read up to {@code seq}; {@code unreadCount} is what is left for them, and
     * {@code mentionCount} how many of those mention them.
     */
    record ReadMarkMoved(long roomId, long userId, long seq, long unreadCount, long mentionCount) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.room(roomId);
        }
    }

    /**
     * A member read the thread of root {@code rootSeq} up to reply {@code seq}; only their own
     * devices hear it.
     */
    record ThreadReadMoved(long userId, long roomId, long rootSeq, long seq) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.user(userId);
        }
    }

    /** A room's name or description changed. */
    record RoomUpdated(long roomId, String name, String description) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.room(roomId);
        }
    }

    /**
     * A member changed their notifications for a room ({@code level}, and {@code mutedUntil} or
     * null); only their own devices hear it.
     */
    record NotificationSettingsChanged(long userId, long roomId, String level, Long mutedUntil) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.user(userId);
        }
    }

    /** A user became a member of a room; their sockets start hearing it. Followed by {@link MemberAdded}. */
    record RoomJoined(long userId, long roomId) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.user(userId);
        }
    }

    /** A user joined a room (created with it, opened a direct room, or was added); {@code member} is their membership. */
    record MemberAdded(long roomId, long userId, JsonPayload member) implements BusEvent {
        @Override
        public boolean everyNode() {
            return true;
        }

        @Override
        public Topic topic() {
            return Topic.room(roomId);
        }
    }

    /** A member's role changed; {@code member} is their membership. */
    record MemberUpdated(long roomId, JsonPayload member) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.room(roomId);
        }
    }

    /** A user left or was removed; their sockets stop hearing the room at once. */
    record MemberRemoved(long roomId, long userId) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.room(roomId);
        }
    }

    /** A room was deleted; {@code memberIds} were its members. */
    record RoomDeleted(long roomId, List<Long> memberIds) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.room(roomId);
        }
    }

    /** Someone started or stopped typing in a room. */
    record TypingChanged(long roomId, long userId, String username, boolean typing) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.room(roomId);
        }
    }

    /**
     * A user's presence changed; {@code audience} are the users it is pushed to (those who share a
     * direct room or a small group with them). Connections watching the user hear it as well.
     */
    record PresenceChanged(long userId, String status, Long lastSeenAt, List<Long> audience) implements BusEvent {
        @Override
        public boolean everyNode() {
            return true;
        }

        @Override
        public Topic topic() {
            return Topic.presence(userId);
        }
    }

    /** A sign-in session ended (logout or revoked); its sockets are closed. */
    record SessionRevoked(long userId, String sessionId) implements BusEvent {
        @Override
        public boolean everyNode() {
            return true;
        }

        @Override
        public Topic topic() {
            return Topic.user(userId);
        }
    }

    /**
     * A call signal ({@code offer}, {@code answer}, {@code candidate} or {@code end}) from one member
     * of a room, for member {@code to} or, when {@code to} is null, for the whole room; never for the
     * sender's own sockets. {@code body} is the signal's own data (absent for {@code end}). With
     * {@code toDevice} (a socket id of user {@code to}) it is for that one socket only; {@code
     * fromDevice} is the sender's socket.
     */
    record CallSignalled(long roomId, long fromUserId, String fromUsername, Long to, String signal,
                         JsonPayload body, String callId, String fromDevice, String toDevice) implements BusEvent {
        /** A signal between users, from no particular device to any of the addressee's. */
        public CallSignalled(long roomId, long fromUserId, String fromUsername, Long to, String signal,
                             JsonPayload body, String callId) {
            this(roomId, fromUserId, fromUsername, to, signal, body, callId, null, null);
        }

        @Override
        public Topic topic() {
            return to == null ? Topic.room(roomId) : Topic.user(to);
        }
    }

    /** A call started in a room and rings for its members, except the caller's own sockets; {@code call} is the call. */
    record CallRinging(long roomId, long callerId, JsonPayload call) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.room(roomId);
        }
    }

    /** A live call changed (someone joined or left, media flags, ringing to active); {@code call} is its new state. */
    record CallUpdated(long roomId, JsonPayload call) implements BusEvent {
        @Override
        public Topic topic() {
            return Topic.room(roomId);
        }
    }

    /**
     * A call ended for the room or, when {@code userId} is set, for that one user only (a member
     * removed from the room, who no longer hears it); {@code ended} is {@code {callId, roomId,
     * reason, durationMs?}}.
     */
    record CallEnded(long roomId, Long userId, JsonPayload ended) implements BusEvent {
        @Override
        public Topic topic() {
            return userId == null ? Topic.room(roomId) : Topic.user(userId);
        }
    }
}

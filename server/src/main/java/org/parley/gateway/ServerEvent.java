package org.parley.gateway;

/**
 * Every event the server emits on the chat namespace, with its wire name: the one list the
 * gateway emits from, held to docs/protocol.md section 10.2 by a test. The call events are
 * relayed under the name the client sent them with, so they are in both lists.
 */
public enum ServerEvent {
    RECEIVE_MESSAGE("receive_message"),
    MESSAGE_UPDATED("message_updated"),
    READ_RECEIPT("read_receipt"),
    UNREAD_COUNT("unread_count"),
    THREAD_READ("thread_read"),
    NOTIFICATION_SETTINGS("notification_settings"),
    USER_TYPING("user_typing"),
    USER_STOP_TYPING("user_stop_typing"),
    PRESENCE_BATCH("presence_batch"),
    PRESENCE_SNAPSHOT("presence_snapshot"),
    ROOM_ADDED("room_added"),
    ROOM_UPDATED("room_updated"),
    MEMBER_ADDED("member_added"),
    MEMBER_UPDATED("member_updated"),
    MEMBER_REMOVED("member_removed"),
    ROOM_REMOVED("room_removed"),
    ROOM_DELETED("room_deleted"),
    JOINED_ROOM("joined_room"),
    SESSION_ENDED("session_ended"),
    RESYNC_NEEDED("resync_needed"),
    CALL_RINGING("call_ringing"),
    CALL_UPDATED("call_updated"),
    CALL_ENDED("call_ended"),
    VIDEO_CALL_OFFER("video_call_offer"),
    VIDEO_CALL_ANSWER("video_call_answer"),
    ICE_CANDIDATE("ice_candidate"),
    END_CALL("end_call");

    private final String wire;

    ServerEvent(String wire) {
        this.wire = wire;
    }

    /** The event's name on the wire. */
    public String wire() {
        return wire;
    }
}

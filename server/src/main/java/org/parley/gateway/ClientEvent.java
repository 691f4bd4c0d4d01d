package org.parley.gateway;

/**
 * Every event a client may send on the chat namespace, with its wire name: the one list the
 * gateway registers handlers from, held to docs/protocol.md section 10.1 by a test.
 */
public enum ClientEvent {
    JOIN_ROOM("join_room"),
    SEND_MESSAGE("send_message"),
    EDIT_MESSAGE("edit_message"),
    DELETE_MESSAGE("delete_message"),
    REACT("react"),
    MARK_READ("mark_read"),
    MARK_THREAD_READ("mark_thread_read"),
    TYPING("typing"),
    STOP_TYPING("stop_typing"),
    SET_PRESENCE("set_presence"),
    WATCH_PRESENCE("watch_presence"),
    SYNC("sync"),
    CALL_START("call_start"),
    CALL_ACCEPT("call_accept"),
    CALL_DECLINE("call_decline"),
    CALL_LEAVE("call_leave"),
    CALL_MEDIA("call_media"),
    VIDEO_CALL_OFFER("video_call_offer"),
    VIDEO_CALL_ANSWER("video_call_answer"),
    ICE_CANDIDATE("ice_candidate"),
    END_CALL("end_call");

    private final String wire;

    ClientEvent(String wire) {
        this.wire = wire;
    }

    /** The event's name on the wire. */
    public String wire() {
        return wire;
    }
}

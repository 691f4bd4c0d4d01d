package org.parley.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for calls, their participants and declines; every method runs on the caller's handle. A
 * transaction that changes a call first takes its row ({@link #lock}), so that on PostgreSQL two
 * nodes changing one call take turns (SQLite's transactions already do).
 */
final class CallStore {
    private static final String CALL_COLUMNS =
            "id, room_id, kind, state, started_by, created_at, answered_at, ended_at, end_reason";

    void insert(Handle h, String id, long roomId, String kind, long startedBy, long now) {
        h.createUpdate("""
                        INSERT INTO calls (id, room_id, kind, state, started_by, created_at)
                        VALUES (:id, :room, :kind, 'ringing', :by, :now)""")
                .bind("id", id).bind("room", roomId).bind("kind", kind).bind("by", startedBy).bind("now", now).execute();
    }

    /** Takes the call's row lock; false when there is no such call. */
    boolean lock(Handle h, String callId) {
        return h.createUpdate("UPDATE calls SET id = id WHERE id = :id").bind("id", callId).execute() == 1;
    }

    Optional<Call> find(Handle h, String callId) {
        return h.createQuery("SELECT " + CALL_COLUMNS + " FROM calls WHERE id = :id").bind("id", callId)
                .map((rs, ctx) -> call(rs)).findOne().map(c -> withParticipants(h, c));
    }

    /** The room's ringing or active call. */
    Optional<Call> live(Handle h, long roomId) {
        return h.createQuery("SELECT " + CALL_COLUMNS + " FROM calls WHERE room_id = :room AND state <> 'ended'")
                .bind("room", roomId).map((rs, ctx) -> call(rs)).findOne().map(c -> withParticipants(h, c));
    }

    /** The id of the live call the user is in, on any device. */
    Optional<String> callOf(Handle h, long userId) {
        return h.createQuery("SELECT call_id FROM call_participants WHERE user_id = :user").bind("user", userId)
                .mapTo(String.class).findOne();
    }

    /** The id of the live call this device is in. */
    Optional<String> callOfDevice(Handle h, String deviceId) {
        return h.createQuery("SELECT call_id FROM call_participants WHERE device_id = :d").bind("d", deviceId)
                .mapTo(String.class).findOne();
    }

    /** Adds the user on {@code deviceId}, or moves them to it when they already are in this call. */
    void join(Handle h, String callId, long userId, String deviceId, boolean muted, boolean cameraOff, long now) {
        h.createUpdate("DELETE FROM call_participants WHERE user_id = :user AND call_id = :call")
                .bind("user", userId).bind("call", callId).execute();
        h.createUpdate("""
                        INSERT INTO call_participants (user_id, call_id, device_id, joined_at, muted, camera_off, heartbeat_at)
                        VALUES (:user, :call, :device, :now, :muted, :cameraOff, :now)""")
                .bind("user", userId).bind("call", callId).bind("device", deviceId).bind("now", now)
                .bind("muted", muted).bind("cameraOff", cameraOff).execute();
    }

    boolean remove(Handle h, String callId, long userId) {
        return h.createUpdate("DELETE FROM call_participants WHERE call_id = :call AND user_id = :user")
                .bind("call", callId).bind("user", userId).execute() == 1;
    }

    void setMedia(Handle h, String callId, long userId, boolean muted, boolean cameraOff) {
        h.createUpdate("""
                        UPDATE call_participants SET muted = :muted, camera_off = :cameraOff
                         WHERE call_id = :call AND user_id = :user""")
                .bind("muted", muted).bind("cameraOff", cameraOff).bind("call", callId).bind("user", userId).execute();
    }

    /** Ringing to active; false when it was not ringing. */
    boolean answer(Handle h, String callId, long now) {
        return h.createUpdate("UPDATE calls SET state = 'active', answered_at = :now WHERE id = :id AND state = 'ringing'")
                .bind("now", now).bind("id", callId).execute() == 1;
    }

    /** Ends a live call and lets its participants go; false when it had ended already. */
    boolean end(Handle h, String callId, String reason, long now) {
        boolean ended = h.createUpdate("""
                        UPDATE calls SET state = 'ended', ended_at = :now, end_reason = :reason
                         WHERE id = :id AND state <> 'ended'""")
                .bind("now", now).bind("reason", reason).bind("id", callId).execute() == 1;
        h.createUpdate("DELETE FROM call_participants WHERE call_id = :id").bind("id", callId).execute();
        h.createUpdate("DELETE FROM call_declines WHERE call_id = :id").bind("id", callId).execute();
        return ended;
    }

    void decline(Handle h, String callId, long userId) {
        h.createUpdate("DELETE FROM call_declines WHERE call_id = :call AND user_id = :user")
                .bind("call", callId).bind("user", userId).execute();
        h.createUpdate("INSERT INTO call_declines (call_id, user_id) VALUES (:call, :user)")
                .bind("call", callId).bind("user", userId).execute();
    }

    List<Long> decliners(Handle h, String callId) {
        return h.createQuery("SELECT user_id FROM call_declines WHERE call_id = :call").bind("call", callId)
                .mapTo(Long.class).list();
    }

    /** Vouches for these devices' sockets: their heartbeat becomes {@code now}. */
    void renew(Handle h, Collection<String> deviceIds, long now) {
        if (deviceIds.isEmpty()) return;
        h.createUpdate("UPDATE call_participants SET heartbeat_at = :now WHERE device_id IN (<devices>)")
                .bind("now", now).bindList("devices", List.copyOf(deviceIds)).execute();
    }

    /** Participants (call id, user id) nobody vouched for since {@code before}. */
    List<Stale> stale(Handle h, long before) {
        return h.createQuery("SELECT call_id, user_id FROM call_participants WHERE heartbeat_at < :before")
                .bind("before", before).map((rs, ctx) -> new Stale(rs.getString(1), rs.getLong(2))).list();
    }

    /** Ids of calls still ringing that started before {@code before}. */
    List<String> ringingSince(Handle h, long before) {
        return h.createQuery("SELECT id FROM calls WHERE state = 'ringing' AND created_at < :before")
                .bind("before", before).mapTo(String.class).list();
    }

    /** Removes the participant only if nobody vouched for them since {@code before}. */
    boolean removeStale(Handle h, String callId, long userId, long before) {
        return h.createUpdate("""
                        DELETE FROM call_participants
                         WHERE call_id = :call AND user_id = :user AND heartbeat_at < :before""")
                .bind("call", callId).bind("user", userId).bind("before", before).execute() == 1;
    }

    /** The name the timeline shows for a user. */
    String displayName(Handle h, long userId) {
        return h.createQuery("SELECT display_name FROM users WHERE id = :id").bind("id", userId)
                .mapTo(String.class).findOne().orElse("Someone");
    }

    record Stale(String callId, long userId) {}

    private Call withParticipants(Handle h, Call c) {
        List<Call.Participant> participants = h.createQuery("""
                        SELECT p.user_id, u.username, p.device_id, p.joined_at, p.muted, p.camera_off
                          FROM call_participants p JOIN users u ON u.id = p.user_id
                         WHERE p.call_id = :call ORDER BY p.joined_at, p.user_id""")
                .bind("call", c.id())
                .map((rs, ctx) -> new Call.Participant(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getBoolean(5), rs.getBoolean(6)))
                .list();
        return new Call(c.id(), c.roomId(), c.kind(), c.state(), c.startedBy(), c.createdAt(), c.answeredAt(),
                c.endedAt(), c.endReason(), participants);
    }

    private static Call call(ResultSet rs) throws SQLException {
        return new Call(rs.getString("id"), rs.getLong("room_id"), rs.getString("kind"), rs.getString("state"),
                rs.getLong("started_by"), rs.getLong("created_at"), nullableLong(rs, "answered_at"),
                nullableLong(rs, "ended_at"), rs.getString("end_reason"), List.of());
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}

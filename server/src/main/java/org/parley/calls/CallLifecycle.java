package org.parley.calls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.bus.BusEvent;
import org.parley.bus.JsonPayload;
import org.parley.rooms.RoomNotices;

/**
 * The transitions every path shares (a command, the sweeper, a member's removal): someone leaves a
 * call, a call ends. Each runs on the caller's handle, inside its transaction, with the call's row
 * locked; it posts the timeline notice in that transaction and adds the events to publish after
 * commit to {@code events}. Ending is idempotent: a call that has ended already ends no more.
 */
final class CallLifecycle {
    private final CallStore store;
    private final RoomNotices notices;

    CallLifecycle(CallStore store, RoomNotices notices) {
        this.store = store;
        this.notices = notices;
    }

    /** The call with its row locked, if it exists. */
    Optional<Call> locked(Handle h, String callId) {
        return store.lock(h, callId) ? store.find(h, callId) : Optional.empty();
    }

    /** {@code userId} leaves the call (nothing happens when they are not in it); it ends when nobody is left. */
    void leave(Handle h, Call call, long userId, long now, List<BusEvent> events) {
        if (store.remove(h, call.id(), userId)) afterRemoval(h, call.id(), now, events);
    }

    /** Announces the call without a participant who was just removed, or ends it when it is empty. */
    void afterRemoval(Handle h, String callId, long now, List<BusEvent> events) {
        Call after = store.find(h, callId).orElseThrow();
        if (!after.live()) return;
        if (after.participants().isEmpty()) {
            end(h, after, after.answeredAt() == null ? Call.MISSED : Call.COMPLETED, null, now, events);
        } else {
            events.add(updated(after));
        }
    }

    /** Ends a live call for {@code reason}; {@code decliner} names who declined it (reason declined). */
    void end(Handle h, Call call, String reason, Long decliner, long now, List<BusEvent> events) {
        if (!store.end(h, call.id(), reason, now)) return;
        String text = switch (reason) {
            case Call.DECLINED -> CallNotices.declined(store.displayName(h, decliner));
            case Call.COMPLETED -> CallNotices.ended(now - call.answeredAt());
            default -> CallNotices.missed(store.displayName(h, call.startedBy()));
        };
        events.add(notices.post(h, call.roomId(), text, now).announcement());
        events.add(new BusEvent.CallEnded(call.roomId(), null, ended(call, reason, now)));
    }

    static BusEvent.CallUpdated updated(Call call) {
        return new BusEvent.CallUpdated(call.roomId(), JsonPayload.of(call));
    }

    /** {@code {callId, roomId, reason, durationMs?}}: the duration counts from the answer. */
    static JsonPayload ended(Call call, String reason, long now) {
        Map<String, Object> ended = new LinkedHashMap<>();
        ended.put("callId", call.id());
        ended.put("roomId", call.roomId());
        ended.put("reason", reason);
        if (call.answeredAt() != null) ended.put("durationMs", now - call.answeredAt());
        return JsonPayload.of(ended);
    }
}

package org.parley.calls;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * A call as clients see it, in acks, events and {@code GET /api/rooms/{id}/call}. A live call is
 * {@code ringing} (nobody but the caller has accepted) or {@code active}; an ended one has {@code
 * endedAt} and {@code endReason}. {@code participants} are the people in it now, one device each.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Call(String id, long roomId, String kind, String state, long startedBy, long createdAt,
                   Long answeredAt, Long endedAt, String endReason, List<Participant> participants) {

    public static final String RINGING = "ringing", ACTIVE = "active", ENDED = "ended";
    public static final String COMPLETED = "completed", MISSED = "missed", DECLINED = "declined";

    /** One person in a call, on one device (the socket id). */
    public record Participant(long userId, String username, String deviceId, long joinedAt, boolean muted,
                              boolean cameraOff) {}

    public boolean live() {
        return !ENDED.equals(state);
    }

    public Optional<Participant> participant(long userId) {
        return participants.stream().filter(p -> p.userId() == userId).findFirst();
    }

    public Optional<Participant> device(String deviceId) {
        return participants.stream().filter(p -> p.deviceId().equals(deviceId)).findFirst();
    }
}

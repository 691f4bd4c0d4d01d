package org.parley.calls;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.bus.JsonPayload;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.limits.RateLimiter;
import org.parley.rooms.Memberships;
import org.parley.storage.Database;

/**
 * Relays call signals through the bus: to one device of a call ({@code toDevice}), to one member's
 * sockets ({@code to}) or to the rest of the room, on every node. Only members of the room signal,
 * and only to members; a signal to a device must name a live call of the room in which both the
 * sender's device and the addressee are participants. Session descriptions are at most 16 KiB and
 * candidates 2 KiB (as JSON text), and one socket sends at most 100 signals in 10 seconds. A
 * hang-up from a participant also leaves the call. Nothing is stored: a signal nobody hears is lost.
 */
public final class CallSignals {
    /** The signals' names on the bus; each is also the payload field its body goes in ({@code end} has none). */
    public static final String OFFER = "offer", ANSWER = "answer", CANDIDATE = "candidate", END = "end";
    static final int SDP_MAX_BYTES = 16 * 1024, CANDIDATE_MAX_BYTES = 2 * 1024;

    private final Database db;
    private final Memberships rooms;
    private final CallService calls;
    private final CallStore store = new CallStore();
    private final EventBus bus;
    private final RateLimiter perSocket;

    public CallSignals(Database db, Memberships rooms, CallService calls, EventBus bus, Clock clock) {
        this.db = db;
        this.rooms = rooms;
        this.calls = calls;
        this.bus = bus;
        this.perSocket = new RateLimiter(100, 100, Duration.ofSeconds(10), clock);
    }

    /** Relays {@code signal} from {@code from}'s socket {@code deviceId}; see the class comment for who may. */
    public void signal(Principal from, String deviceId, CallSignal signal) {
        switch (signal) {
            case CallSignal.Offer s -> limitSize(OFFER, s.offer(), SDP_MAX_BYTES);
            case CallSignal.Answer s -> limitSize(ANSWER, s.answer(), SDP_MAX_BYTES);
            case CallSignal.IceCandidate s -> limitSize(CANDIDATE, s.candidate(), CANDIDATE_MAX_BYTES);
            case CallSignal.HangUp s -> { }
        }
        perSocket.acquire(deviceId).ifPresent(wait -> {
            throw ParleyException.rateLimited("Too many call signals from this connection.", wait);
        });
        Long to = db.withHandle(h -> {
            rooms.requireMember(h, signal.roomId(), from.userId());
            if (signal.to() != null) rooms.requireMember(h, signal.roomId(), signal.to());
            if (signal.toDevice() == null) return signal.to();
            Call call = calls.visibleCall(h, from, signal.callId());
            if (call.roomId() != signal.roomId()) throw notInCall("There is no such call in this room.");
            if (call.device(deviceId).isEmpty()) throw notInCall("You are not in this call.");
            Call.Participant addressee = call.device(signal.toDevice())
                    .filter(p -> signal.to() == null || p.userId() == signal.to())
                    .orElseThrow(() -> notInCall("That device is not in this call."));
            return addressee.userId();
        });
        if (signal instanceof CallSignal.HangUp hangUp) leaveOnHangUp(from, deviceId, hangUp);
        bus.publish(switch (signal) {
            case CallSignal.Offer s -> relayed(from, deviceId, s, to, OFFER, s.offer());
            case CallSignal.Answer s -> relayed(from, deviceId, s, to, ANSWER, s.answer());
            case CallSignal.IceCandidate s -> relayed(from, deviceId, s, to, CANDIDATE, s.candidate());
            case CallSignal.HangUp s -> relayed(from, deviceId, s, to, END, null);
        });
    }

    /** The original clients hang up with {@code end_call}: it leaves the named call, or the room's call the sender is in. */
    private void leaveOnHangUp(Principal from, String deviceId, CallSignal.HangUp s) {
        Optional<String> callId = db.withHandle(h -> {
            if (s.callId() != null) {
                return store.find(h, s.callId()).filter(c -> c.live() && c.roomId() == s.roomId()).map(Call::id);
            }
            return calls.callOfDevice(h, deviceId).filter(c -> c.roomId() == s.roomId()).map(Call::id);
        });
        callId.ifPresent(id -> calls.leave(from, id));
    }

    private static void limitSize(String field, JsonPayload body, int maxBytes) {
        if (body.json().getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw ParleyException.invalid(field, field + " is larger than " + maxBytes / 1024 + " KiB.");
        }
    }

    private static ParleyException notInCall(String message) {
        return new ParleyException(ErrorCode.NOT_FOUND, message);
    }

    private static BusEvent.CallSignalled relayed(Principal from, String deviceId, CallSignal s, Long to, String name,
                                                  JsonPayload body) {
        return new BusEvent.CallSignalled(s.roomId(), from.userId(), from.username(), to, name, body, s.callId(),
                deviceId, s.toDevice());
    }
}

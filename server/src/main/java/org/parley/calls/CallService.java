package org.parley.calls;

import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.bus.JsonPayload;
import org.parley.errors.ParleyException;
import org.parley.rooms.RoomService;

/**
 * Call signalling: relays a member's signal, through the bus, to the addressed member's
 * connections on every node, or to the rest of the room. Only members of the room may signal, and
 * only to members of it. Nothing is stored: a signal nobody hears is lost, and clients time out.
 */
public final class CallService {
    /** The signals' names on the bus; each is also the payload field its body goes in ({@code end} has none). */
    public static final String OFFER = "offer", ANSWER = "answer", CANDIDATE = "candidate", END = "end";

    private final RoomService rooms;
    private final EventBus bus;

    public CallService(RoomService rooms, EventBus bus) {
        this.rooms = rooms;
        this.bus = bus;
    }

    /** The largest session description (offer or answer) relayed, as JSON text. */
    public static final int MAX_DESCRIPTION_CHARS = 64 * 1024;
    /** The largest ICE candidate relayed, as JSON text. */
    public static final int MAX_CANDIDATE_CHARS = 4 * 1024;
    /** The longest call id. */
    public static final int MAX_CALL_ID_CHARS = 128;

    /**
     * Relays {@code signal} from {@code from}; a body or call id over its limit is refused, and so
     * is a sender or addressee who is not a member. Nothing refused is relayed.
     */
    public void signal(Principal from, CallSignal signal) {
        checkSizes(signal);
        rooms.requireMember(from.userId(), signal.roomId());
        if (signal.to() != null) rooms.requireMember(signal.to(), signal.roomId());
        bus.publish(switch (signal) {
            case CallSignal.Offer s -> relayed(from, s, OFFER, s.offer());
            case CallSignal.Answer s -> relayed(from, s, ANSWER, s.answer());
            case CallSignal.IceCandidate s -> relayed(from, s, CANDIDATE, s.candidate());
            case CallSignal.HangUp s -> relayed(from, s, END, null);
        });
    }

    private static void checkSizes(CallSignal signal) {
        switch (signal) {
            case CallSignal.Offer s -> checkBody(OFFER, s.offer(), MAX_DESCRIPTION_CHARS);
            case CallSignal.Answer s -> checkBody(ANSWER, s.answer(), MAX_DESCRIPTION_CHARS);
            case CallSignal.IceCandidate s -> checkBody(CANDIDATE, s.candidate(), MAX_CANDIDATE_CHARS);
            case CallSignal.HangUp s -> { }
        }
        if (signal.callId() != null && (signal.callId().isEmpty() || signal.callId().length() > MAX_CALL_ID_CHARS)) {
            throw ParleyException.invalid("callId", "callId must be 1-" + MAX_CALL_ID_CHARS + " characters.");
        }
    }

    private static void checkBody(String field, JsonPayload body, int maxChars) {
        if (body != null && body.json().length() > maxChars) {
            throw ParleyException.invalid(field, field + " must be at most " + maxChars + " characters of JSON.");
        }
    }

    private static BusEvent.CallSignalled relayed(Principal from, CallSignal s, String name, JsonPayload body) {
        return new BusEvent.CallSignalled(s.roomId(), from.userId(), from.username(), s.to(), name, body, s.callId());
    }
}

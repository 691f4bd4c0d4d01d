package org.parley.calls;

import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.bus.JsonPayload;
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

    /** Relays {@code signal} from {@code from}; not a member (of either end) is refused. */
    public void signal(Principal from, CallSignal signal) {
        rooms.requireMember(from.userId(), signal.roomId());
        if (signal.to() != null) rooms.requireMember(signal.to(), signal.roomId());
        bus.publish(switch (signal) {
            case CallSignal.Offer s -> relayed(from, s, OFFER, s.offer());
            case CallSignal.Answer s -> relayed(from, s, ANSWER, s.answer());
            case CallSignal.IceCandidate s -> relayed(from, s, CANDIDATE, s.candidate());
            case CallSignal.HangUp s -> relayed(from, s, END, null);
        });
    }

    private static BusEvent.CallSignalled relayed(Principal from, CallSignal s, String name, JsonPayload body) {
        return new BusEvent.CallSignalled(s.roomId(), from.userId(), from.username(), s.to(), name, body, s.callId());
    }
}

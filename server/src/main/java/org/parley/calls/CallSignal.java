package org.parley.calls;

import org.parley.bus.JsonPayload;

/**
 * What one member of a room sends another (or the whole room, when {@code to} is null) to set up,
 * run and end a WebRTC call. The bodies (session descriptions, ICE candidates) are the clients'
 * own JSON, relayed as they came; media never passes through the server. With {@code toDevice}
 * (a participant's socket id, in call {@code callId}) a signal is for that one device only.
 */
public sealed interface CallSignal {

    long roomId();

    /** The member addressed, or null for every other member of the room (or the owner of {@code toDevice}). */
    Long to();

    /** The call it belongs to, if the client named it. */
    String callId();

    /** The one device addressed, or null for every device of {@code to}. */
    String toDevice();

    /** Proposes a call: {@code offer} is the caller's session description. */
    record Offer(long roomId, Long to, JsonPayload offer, String callId, String toDevice) implements CallSignal {}

    /** Accepts an offer: {@code answer} is the callee's session description. */
    record Answer(long roomId, Long to, JsonPayload answer, String callId, String toDevice) implements CallSignal {}

    /** One ICE candidate for the connection being set up. */
    record IceCandidate(long roomId, Long to, JsonPayload candidate, String callId, String toDevice) implements CallSignal {}

    /** Hangs up. */
    record HangUp(long roomId, Long to, String callId, String toDevice) implements CallSignal {}
}

package org.parley.calls;

import org.parley.bus.JsonPayload;

/**
 * What one member of a room sends another (or the whole room, when {@code to} is null) to set up,
 * run and end a WebRTC call. The bodies (session descriptions, ICE candidates) are the clients'
 * own JSON, relayed as they came; media never passes through the server.
 */
public sealed interface CallSignal {

    long roomId();

    /** The member addressed, or null for every other member of the room. */
    Long to();

    /** The client's name for the call, if it gave one. */
    String callId();

    /** Proposes a call: {@code offer} is the caller's session description. */
    record Offer(long roomId, Long to, JsonPayload offer, String callId) implements CallSignal {}

    /** Accepts an offer: {@code answer} is the callee's session description. */
    record Answer(long roomId, Long to, JsonPayload answer, String callId) implements CallSignal {}

    /** One ICE candidate for the connection being set up. */
    record IceCandidate(long roomId, Long to, JsonPayload candidate, String callId) implements CallSignal {}

    /** Hangs up. */
    record HangUp(long roomId, Long to, String callId) implements CallSignal {}
}

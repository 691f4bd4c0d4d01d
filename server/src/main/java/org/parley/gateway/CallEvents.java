package org.parley.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.bus.BusEvent;
import org.parley.bus.JsonPayload;
import org.parley.bus.Topic;
import org.parley.calls.CallService;
import org.parley.calls.CallSignal;
import org.parley.socketio.Ack;
import org.parley.socketio.Namespace;
import org.parley.socketio.PacketJson;
import org.parley.socketio.SocketIoSocket;
import tools.jackson.databind.JsonNode;

/**
 * The socket side of call signalling. Decodes {@code video_call_offer}, {@code video_call_answer},
 * {@code ice_candidate} and {@code end_call} ({@code {roomId, to?, offer|answer|candidate, callId?}})
 * into a {@link CallSignal} for the {@link CallService}, and emits a relayed signal, under the same
 * event name, as {@code {roomId, from: {userId, username}, offer|answer|candidate, callId?}} to the
 * addressed user's sockets (or the room's), never to the sender's own.
 */
final class CallEvents {
    private static final Map<String, String> EVENT_OF_SIGNAL = Map.of(
            CallService.OFFER, ServerEvent.VIDEO_CALL_OFFER.wire(),
            CallService.ANSWER, ServerEvent.VIDEO_CALL_ANSWER.wire(),
            CallService.CANDIDATE, ServerEvent.ICE_CANDIDATE.wire(),
            CallService.END, ServerEvent.END_CALL.wire());

    private final CallService calls;
    private final EventLimits limits;

    CallEvents(CallService calls, EventLimits limits) {
        this.calls = calls;
        this.limits = limits;
    }

    void register(Namespace ns) {
        ns.on(ClientEvent.VIDEO_CALL_OFFER.wire(), limits.limited(ClientEvent.VIDEO_CALL_OFFER, (s, a, ack) -> {
            JsonNode p = Payloads.object(a);
            signal(s, new CallSignal.Offer(roomId(p), to(p), body(p, CallService.OFFER), callId(p)), ack);
        }));
        ns.on(ClientEvent.VIDEO_CALL_ANSWER.wire(), limits.limited(ClientEvent.VIDEO_CALL_ANSWER, (s, a, ack) -> {
            JsonNode p = Payloads.object(a);
            signal(s, new CallSignal.Answer(roomId(p), to(p), body(p, CallService.ANSWER), callId(p)), ack);
        }));
        ns.on(ClientEvent.ICE_CANDIDATE.wire(), limits.limited(ClientEvent.ICE_CANDIDATE, (s, a, ack) -> {
            JsonNode p = Payloads.object(a);
            signal(s, new CallSignal.IceCandidate(roomId(p), to(p), body(p, CallService.CANDIDATE), callId(p)), ack);
        }));
        ns.on(ClientEvent.END_CALL.wire(), limits.limited(ClientEvent.END_CALL, (s, a, ack) -> {
            JsonNode p = Payloads.object(a);
            signal(s, new CallSignal.HangUp(roomId(p), to(p), callId(p)), ack);
        }));
    }

    /** Emits a relayed signal to this node's sockets of its addressee, or of its room, except the sender's. */
    static void relay(Namespace ns, BusEvent.CallSignalled e) {
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("userId", e.fromUserId());
        from.put("username", e.fromUsername());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("roomId", e.roomId());
        out.put("from", from);
        if (e.body() != null) out.put(e.signal(), e.body());
        if (e.callId() != null) out.put("callId", e.callId());
        ns.to(e.topic().key()).except(Topic.user(e.fromUserId()).key()).emit(EVENT_OF_SIGNAL.get(e.signal()), out);
    }

    private void signal(SocketIoSocket socket, CallSignal signal, Ack ack) {
        calls.signal(ChatNamespaceAuth.principal(socket), signal);
        Acks.ok(ack, null);
    }

    private static long roomId(JsonNode p) {
        return Payloads.requiredId(p, "roomId");
    }

    private static Long to(JsonNode p) {
        return Payloads.optionalLong(p, "to");
    }

    /** The signal's body, required, as the client sent it. */
    private static JsonPayload body(JsonNode p, String field) {
        JsonNode value = p.path(field);
        if (value.isMissingNode() || value.isNull()) throw new BadPayloadException(field + " is required.");
        return new JsonPayload(PacketJson.MAPPER.writeValueAsString(value));
    }

    private static String callId(JsonNode p) {
        return p.hasNonNull("callId") ? Payloads.string(p, "callId") : null;
    }
}

package org.parley.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.JsonPayload;
import org.parley.bus.Topic;
import org.parley.calls.CallService;
import org.parley.calls.CallSignal;
import org.parley.calls.CallSignals;
import org.parley.socketio.EventHandler;
import org.parley.socketio.Namespace;
import org.parley.socketio.PacketJson;
import org.parley.socketio.SocketIoSocket;
import tools.jackson.databind.JsonNode;

/**
 * The socket side of calls. Decodes {@code call_start}, {@code call_accept}, {@code call_decline},
 * {@code call_leave} and {@code call_media} for the {@link CallService}, and the four WebRTC
 * signals ({@code {roomId, to?, toDevice?, callId?, offer|answer|candidate}}) into a {@link
 * CallSignal} for {@link CallSignals}; the socket's id is its device. Emits a relayed signal, under
 * the same event name, as {@code {roomId, from: {userId, username, deviceId}, offer|answer|candidate,
 * callId?}} to the addressed socket only, or to the addressed user's sockets (or the room's), never
 * to the sender's own.
 */
final class CallEvents {
    private static final Map<String, String> EVENT_OF_SIGNAL = Map.of(
            CallSignals.OFFER, ServerEvent.VIDEO_CALL_OFFER.wire(),
            CallSignals.ANSWER, ServerEvent.VIDEO_CALL_ANSWER.wire(),
            CallSignals.CANDIDATE, ServerEvent.ICE_CANDIDATE.wire(),
            CallSignals.END, ServerEvent.END_CALL.wire());

    private static final int ID_MAX_CHARS = 64;

    private final CallService calls;
    private final CallSignals signals;

    CallEvents(CallService calls, CallSignals signals) {
        this.calls = calls;
        this.signals = signals;
    }

    void register(Namespace ns) {
        on(ns, ClientEvent.CALL_START, (s, user, p) ->
                calls.start(user, s.id(), roomId(p), Payloads.string(p, "kind")));
        on(ns, ClientEvent.CALL_ACCEPT, (s, user, p) ->
                calls.accept(user, s.id(), callId(p), flag(p, "muted"), flag(p, "cameraOff")));
        on(ns, ClientEvent.CALL_DECLINE, (s, user, p) -> {
            calls.decline(user, callId(p));
            return null;
        });
        on(ns, ClientEvent.CALL_LEAVE, (s, user, p) -> {
            calls.leave(user, callId(p));
            return null;
        });
        on(ns, ClientEvent.CALL_MEDIA, (s, user, p) -> {
            calls.media(user, callId(p), flag(p, "muted"), flag(p, "cameraOff"));
            return null;
        });
        on(ns, ClientEvent.VIDEO_CALL_OFFER, (s, user, p) -> signal(s, user, new CallSignal.Offer(
                roomId(p), to(p), body(p, CallSignals.OFFER), optionalCallId(p), toDevice(p))));
        on(ns, ClientEvent.VIDEO_CALL_ANSWER, (s, user, p) -> signal(s, user, new CallSignal.Answer(
                roomId(p), to(p), body(p, CallSignals.ANSWER), optionalCallId(p), toDevice(p))));
        on(ns, ClientEvent.ICE_CANDIDATE, (s, user, p) -> signal(s, user, new CallSignal.IceCandidate(
                roomId(p), to(p), body(p, CallSignals.CANDIDATE), optionalCallId(p), toDevice(p))));
        on(ns, ClientEvent.END_CALL, (s, user, p) -> signal(s, user, new CallSignal.HangUp(
                roomId(p), to(p), optionalCallId(p), toDevice(p))));
    }

    /** Emits a relayed signal to its one addressed socket if it is on this node, or to the addressee's (or room's) sockets except the sender's. */
    static void relay(Namespace ns, BusEvent.CallSignalled e) {
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("userId", e.fromUserId());
        from.put("username", e.fromUsername());
        if (e.fromDevice() != null) from.put("deviceId", e.fromDevice());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("roomId", e.roomId());
        out.put("from", from);
        if (e.body() != null) out.put(e.signal(), e.body());
        if (e.callId() != null) out.put("callId", e.callId());
        String event = EVENT_OF_SIGNAL.get(e.signal());
        if (e.toDevice() != null) {
            ns.socket(e.toDevice())
                    .filter(s -> e.to() != null && ChatNamespaceAuth.principal(s).userId() == e.to())
                    .ifPresent(s -> s.emit(event, out));
        } else {
            ns.to(e.topic().key()).except(Topic.user(e.fromUserId()).key()).emit(event, out);
        }
    }

    private interface CallHandler {
        Object handle(SocketIoSocket socket, Principal user, JsonNode payload);
    }

    private static void on(Namespace ns, ClientEvent event, CallHandler handler) {
        EventHandler guarded = ChatEvents.guarded((s, a, ack) ->
                Acks.ok(ack, handler.handle(s, ChatNamespaceAuth.principal(s), Payloads.object(a))));
        ns.on(event.wire(), guarded);
    }

    private Object signal(SocketIoSocket socket, Principal user, CallSignal signal) {
        signals.signal(user, socket.id(), signal);
        return null;
    }

    private static long roomId(JsonNode p) {
        return Payloads.requiredId(p, "roomId");
    }

    private static Long to(JsonNode p) {
        return Payloads.optionalLong(p, "to");
    }

    private static String callId(JsonNode p) {
        String id = optionalCallId(p);
        if (id == null) throw new BadPayloadException("callId is required.");
        return id;
    }

    private static String optionalCallId(JsonNode p) {
        return shortString(p, "callId");
    }

    private static String toDevice(JsonNode p) {
        return shortString(p, "toDevice");
    }

    /** An optional id-like string: call and socket ids are short, so anything long is a bad payload. */
    private static String shortString(JsonNode p, String field) {
        String value = Payloads.string(p, field);
        if (value != null && value.length() > ID_MAX_CHARS) throw new BadPayloadException(field + " is too long.");
        return value;
    }

    private static boolean flag(JsonNode p, String field) {
        JsonNode v = p.path(field);
        if (v.isMissingNode() || v.isNull()) return false;
        if (!v.isBoolean()) throw new BadPayloadException(field + " must be true or false.");
        return v.booleanValue();
    }

    /** The signal's body, required, as the client sent it. */
    private static JsonPayload body(JsonNode p, String field) {
        JsonNode value = p.path(field);
        if (value.isMissingNode() || value.isNull()) throw new BadPayloadException(field + " is required.");
        return new JsonPayload(PacketJson.MAPPER.writeValueAsString(value));
    }
}

package org.parley.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.auth.Principal;
import org.parley.socketio.Namespace;
import org.parley.rooms.RoomService;
import tools.jackson.databind.JsonNode;

/**
 * WebRTC signalling: offers, answers, ICE candidates and hang-ups are relayed to the other
 * members of the room (or to one member, when {@code to} names them). Only members may signal.
 * Media never passes through the server.
 */
final class CallSignals {
    private final RoomService rooms;

    CallSignals(RoomService rooms) {
        this.rooms = rooms;
    }

    void register(Namespace ns) {
        relay(ns, "video_call_offer", "offer");
        relay(ns, "video_call_answer", "answer");
        relay(ns, "ice_candidate", "candidate");
        relay(ns, "end_call", null);
    }

    private void relay(Namespace ns, String event, String payloadField) {
        ns.on(event, ChatEvents.guarded((socket, args, ack) -> {
            Principal user = ChatNamespaceAuth.principal(socket);
            JsonNode p = Payloads.object(args);
            long roomId = Payloads.requiredId(p, "roomId");
            rooms.requireMember(user.userId(), roomId);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("roomId", roomId);
            out.put("from", Map.of("userId", user.userId(), "username", user.username()));
            if (payloadField != null) {
                JsonNode value = p.path(payloadField);
                if (value.isMissingNode() || value.isNull()) throw new BadPayloadException(payloadField + " is required.");
                out.put(payloadField, value);
            }
            if (p.hasNonNull("callId")) out.put("callId", Payloads.string(p, "callId"));
            Long to = Payloads.optionalLong(p, "to");
            if (to != null) {
                rooms.requireMember(to, roomId);
                ns.to(ChatNamespaceAuth.userRoom(to)).except(ChatNamespaceAuth.userRoom(user.userId())).emit(event, out);
            } else {
                ns.to(ChatRooms.of(roomId)).except(ChatNamespaceAuth.userRoom(user.userId())).emit(event, out);
            }
            Acks.ok(ack, null);
        }));
    }
}

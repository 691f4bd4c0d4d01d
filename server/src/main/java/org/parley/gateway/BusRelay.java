package org.parley.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.parley.rooms.RoomService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.bus.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parley.bus.BusEvent;
import org.parley.socketio.Namespace;
import org.parley.socketio.SocketIoSocket;
import org.parley.bus.Topic;

/**
 * Turns bus events into socket events on this node: room events to the room's sockets, personal
 * events to the user's sockets, and membership changes into sockets joining or leaving rooms. The
 * Socket.IO rooms are named by {@link Topic#key()}, so an event reaches the sockets of its topic.
 * Payloads the services serialized are passed on as they are, written raw into the packet. A
 * room's new messages go out in seq order with none missing ({@link MessageOrder}).
 *
 * <p>Called on the bus's delivery lanes: the events of one topic in order, different topics in
 * parallel. Where two topics meet, the order is restored here or does not matter: {@code
 * RoomJoined} (the user's topic) joins the user's sockets to a room and then checks the user is
 * still a member, so a {@code MemberRemoved} or {@code RoomDeleted} (the room's topic) delivered
 * before it is not undone; a room message delivered before the join is in what the client loads
 * on {@code room_added}, which is sent after the join; {@code MemberRemoved} leaves the sockets on
 * the room's own lane, so no message of the room delivered after it reaches them.
 */
final class BusRelay {
    private static final Logger log = LoggerFactory.getLogger(BusRelay.class);
    /** How long a user who joined a room waits for the bus to carry it (on a delivery lane, so short). */
    private static final Duration JOINED_WAIT = Duration.ofSeconds(1);

    private final Namespace ns;
    private final EventBus bus;
    private final MessageOrder order;
    private final PresenceBatches presence;
    private final RoomService rooms;

    BusRelay(Namespace ns, EventBus bus, MessageOrder order, PresenceBatches presence, RoomService rooms) {
        this.ns = ns;
        this.rooms = rooms;
        this.bus = bus;
        this.order = order;
        this.presence = presence;
    }

    /**
     * Waits up to {@code atMost} until the bus carries every topic this node has sockets in; past
     * that it goes on (the bus is cut off, and the sockets will be told to resync when it is back).
     */
    static void awaitCarried(EventBus bus, Duration atMost) {
        try {
            bus.interestCarried().get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("The bus does not carry this node's rooms yet: {}", e.toString());
        }
    }

    void deliver(BusEvent event) {
        switch (event) {
            case BusEvent.MessageCreated e -> {
                for (BusEvent.MessageCreated m : order.admit(e)) {
                    ns.to(room(m.roomId())).emit(ServerEvent.RECEIVE_MESSAGE.wire(), m.message());
                }
            }
            case BusEvent.MessageChanged e -> ns.to(room(e.roomId())).emit(ServerEvent.MESSAGE_UPDATED.wire(), e.message());
            case BusEvent.ReadMarkMoved e -> {
                ns.to(room(e.roomId())).emit(ServerEvent.READ_RECEIPT.wire(),
                        Map.of("roomId", e.roomId(), "userId", e.userId(), "seq", e.seq()));
                ns.to(user(e.userId())).emit(ServerEvent.UNREAD_COUNT.wire(), Map.of("roomId", e.roomId(),
                        "unreadCount", e.unreadCount(), "lastReadSeq", e.seq(), "mentionCount", e.mentionCount()));
            }
            case BusEvent.ThreadReadMoved e -> ns.to(user(e.userId())).emit(ServerEvent.THREAD_READ.wire(),
                    Map.of("roomId", e.roomId(), "rootSeq", e.rootSeq(), "lastReadSeq", e.seq()));
            case BusEvent.NotificationSettingsChanged e -> {
                Map<String, Object> settings = new java.util.LinkedHashMap<>();
                settings.put("roomId", e.roomId());
                settings.put("level", e.level());
                settings.put("mutedUntil", e.mutedUntil());
                ns.to(user(e.userId())).emit(ServerEvent.NOTIFICATION_SETTINGS.wire(), settings);
            }
            case BusEvent.RoomUpdated e -> ns.to(room(e.roomId())).emit(ServerEvent.ROOM_UPDATED.wire(),
                    Map.of("roomId", e.roomId(), "name", e.name(), "description", e.description()));
            case BusEvent.RoomJoined e -> {
                String room = room(e.roomId());
                Map<Long, Long> lastStored = lastStored(e.roomId());
                Set<SocketIoSocket> sockets = ns.socketsIn(user(e.userId()));
                for (SocketIoSocket s : sockets) s.join(room);
                order.startAt(lastStored);
                if (!stillMember(e.userId(), e.roomId())) {
                    // a removal (on the room's lane) may have been delivered before this join (on the user's)
                    for (SocketIoSocket s : sockets) s.leave(room);
                    return;
                }
                awaitCarried(bus, JOINED_WAIT); // what the room hears after the client loads it reaches it
                ns.to(user(e.userId())).emit(ServerEvent.ROOM_ADDED.wire(), Map.of("roomId", e.roomId()));
            }
            case BusEvent.MemberAdded e -> ns.to(room(e.roomId())).except(user(e.userId()))
                    .emit(ServerEvent.MEMBER_ADDED.wire(), Map.of("roomId", e.roomId(), "member", e.member()));
            case BusEvent.MemberUpdated e -> ns.to(room(e.roomId()))
                    .emit(ServerEvent.MEMBER_UPDATED.wire(), Map.of("roomId", e.roomId(), "member", e.member()));
            case BusEvent.MemberRemoved e -> {
                String room = room(e.roomId());
                for (SocketIoSocket s : ns.socketsIn(user(e.userId()))) s.leave(room);
                ns.to(user(e.userId())).emit(ServerEvent.ROOM_REMOVED.wire(), Map.of("roomId", e.roomId()));
                ns.to(room).emit(ServerEvent.MEMBER_REMOVED.wire(), Map.of("roomId", e.roomId(), "userId", e.userId()));
            }
            case BusEvent.RoomDeleted e -> {
                String room = room(e.roomId());
                ns.to(room).emit(ServerEvent.ROOM_DELETED.wire(), Map.of("roomId", e.roomId()));
                for (SocketIoSocket s : ns.socketsIn(room)) s.leave(room);
            }
            case BusEvent.TypingChanged e -> {
                var recipients = ns.to(room(e.roomId())).except(user(e.userId()));
                if (e.typing()) {
                    recipients.emit(ServerEvent.USER_TYPING.wire(), Map.of("userId", e.userId(), "username", e.username(), "roomId", e.roomId()));
                } else {
                    recipients.emit(ServerEvent.USER_STOP_TYPING.wire(), e.userId(), e.roomId());
                }
            }
            case BusEvent.PresenceChanged e -> presence.add(e);
            case BusEvent.SessionRevoked e -> {
                for (SocketIoSocket s : ns.socketsIn(user(e.userId()))) {
                    if (e.sessionId().equals(ChatNamespaceAuth.principal(s).sessionId())) {
                        s.emit(ServerEvent.SESSION_ENDED.wire(), Map.of("reason", "signed_out"));
                        s.disconnect(true);
                    }
                }
            }
            case BusEvent.CallSignalled e -> CallEvents.relay(ns, e);
            case BusEvent.CallRinging e -> ns.to(room(e.roomId())).except(user(e.callerId()))
                    .emit(ServerEvent.CALL_RINGING.wire(), e.call());
            case BusEvent.CallUpdated e -> ns.to(room(e.roomId())).emit(ServerEvent.CALL_UPDATED.wire(), e.call());
            case BusEvent.CallEnded e -> ns.to(e.topic().key()).emit(ServerEvent.CALL_ENDED.wire(), e.ended());
        }
    }

    /** Where the room stands before this node's sockets join it; nothing when that cannot be read (then it is followed from the first message heard). */
    private Map<Long, Long> lastStored(long roomId) {
        try {
            return order.lastStored(java.util.List.of(roomId));
        } catch (RuntimeException e) {
            log.debug("Could not read where room {} stands: {}", roomId, e.toString());
            return Map.of();
        }
    }

    /** Whether the user still belongs to the room; true when that cannot be read (the removal, if any, is still to come then). */
    private boolean stillMember(long userId, long roomId) {
        try {
            return rooms.isMember(userId, roomId);
        } catch (RuntimeException e) {
            log.debug("Could not check that user {} is still in room {}: {}", userId, roomId, e.toString());
            return true;
        }
    }

    private static String room(long roomId) {
        return Topic.room(roomId).key();
    }

    private static String user(long userId) {
        return Topic.user(userId).key();
    }
}

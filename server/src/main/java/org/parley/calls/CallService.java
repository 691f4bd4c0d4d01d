package org.parley.calls;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.bus.JsonPayload;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.limits.RateLimiter;
import org.parley.rooms.Memberships;
import org.parley.rooms.RoomDepartures;
import org.parley.rooms.RoomNotices;
import org.parley.storage.Database;

/**
 * Calls in rooms, kept in the database so every node sees the same state: a member starts a call
 * (ringing, with the caller in it), other members accept (the first makes it active), decline or
 * let it ring out (missed), participants leave, and the last one out ends it. At most one live
 * call per room ({@code call_in_progress}), one call per user on one device ({@code busy}), and
 * {@link CallSettings#maxParticipants()} people per call ({@code call_full}). Only members of the
 * room take part. Every change commits with its timeline notice and is published after commit.
 * Per-device signalling is {@link CallSignals}; sockets that go away are {@link CallHeartbeats}'.
 */
public final class CallService implements RoomDepartures, AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Memberships rooms;
    private final CallStore store = new CallStore();
    private final CallLifecycle lifecycle;
    private final RoomNotices notices;
    private final EventBus bus;
    private final Clock clock;
    private final CallSettings settings;
    private final RateLimiter starts;
    private final CallHeartbeats heartbeats;

    public CallService(Database db, Memberships rooms, RoomNotices notices, EventBus bus, Clock clock,
                       CallSettings settings) {
        this.db = db;
        this.rooms = rooms;
        this.lifecycle = new CallLifecycle(store, notices);
        this.notices = notices;
        this.bus = bus;
        this.clock = clock;
        this.settings = settings;
        this.starts = new RateLimiter(10, 10, Duration.ofMinutes(1), clock);
        this.heartbeats = new CallHeartbeats(db, store, lifecycle, bus, clock, settings);
    }

    /** Starts a call in a room, ringing, with the caller on {@code deviceId}. */
    public Call start(Principal caller, String deviceId, long roomId, String kind) {
        if (!"audio".equals(kind) && !"video".equals(kind)) throw ParleyException.invalid("kind", "kind must be audio or video.");
        starts.acquire("user:" + caller.userId()).ifPresent(wait -> {
            throw ParleyException.rateLimited("You are starting calls too fast.", wait);
        });
        List<BusEvent> events = new ArrayList<>();
        long now = clock.millis();
        String id = newId();
        Call call;
        try {
            call = db.inTransaction(h -> {
                rooms.requireMember(h, roomId, caller.userId());
                refuseIfInProgress(h, roomId);
                if (store.callOf(h, caller.userId()).isPresent()) throw busy();
                store.insert(h, id, roomId, kind, caller.userId(), now);
                store.join(h, id, caller.userId(), deviceId, false, false, now);
                String name = store.displayName(h, caller.userId());
                events.add(notices.post(h, roomId, CallNotices.started(name, kind), now).announcement());
                Call created = store.find(h, id).orElseThrow();
                events.add(new BusEvent.CallRinging(roomId, caller.userId(), JsonPayload.of(created)));
                return created;
            });
        } catch (ParleyException e) {
            throw e;
        } catch (RuntimeException e) {
            // another start in this room, or by this user, committed first
            db.withHandle(h -> {
                refuseIfInProgress(h, roomId);
                if (store.callOf(h, caller.userId()).isPresent()) throw busy();
                return null;
            });
            throw e;
        }
        heartbeats.local(deviceId);
        events.forEach(bus::publish);
        return call;
    }

    /** Joins a ringing or active call on {@code deviceId}; the first to accept a ringing call makes it active. */
    public Call accept(Principal user, String deviceId, String callId, boolean muted, boolean cameraOff) {
        List<BusEvent> events = new ArrayList<>();
        long now = clock.millis();
        Call call = db.inTransaction(h -> {
            Call c = liveCall(h, user, callId);
            Optional<String> current = store.callOf(h, user.userId());
            if (current.isPresent() && !current.get().equals(callId)) throw busy();
            if (c.participant(user.userId()).isEmpty() && c.participants().size() >= settings.maxParticipants()) {
                throw new ParleyException(ErrorCode.CALL_FULL,
                        "This call is full (" + settings.maxParticipants() + " people).");
            }
            store.join(h, callId, user.userId(), deviceId, muted, cameraOff, now);
            if (Call.RINGING.equals(c.state()) && user.userId() != c.startedBy()) store.answer(h, callId, now);
            Call after = store.find(h, callId).orElseThrow();
            events.add(CallLifecycle.updated(after));
            return after;
        });
        heartbeats.local(deviceId);
        events.forEach(bus::publish);
        return call;
    }

    /**
     * Declines a ringing call. In a direct room that ends it ({@code declined}); in a group it ends
     * when every member but the caller has declined; until then the decliner alone hears it ended
     * (so their other devices stop ringing). A participant declining leaves; declining a call one
     * is not ringing for changes nothing.
     */
    public void decline(Principal user, String callId) {
        change(user, callId, (h, c, now, events) -> {
            if (c.participant(user.userId()).isPresent()) {
                lifecycle.leave(h, c, user.userId(), now, events);
                return;
            }
            if (!Call.RINGING.equals(c.state())) return;
            store.decline(h, callId, user.userId());
            boolean direct = rooms.requireMember(h, c.roomId(), user.userId()).room().isDirect();
            if (direct || everyoneDeclined(h, c)) {
                lifecycle.end(h, c, Call.DECLINED, user.userId(), now, events);
            } else {
                // it rings on for the others; the decliner's other devices stop ringing
                events.add(new BusEvent.CallEnded(c.roomId(), user.userId(), CallLifecycle.ended(c, Call.DECLINED, now)));
            }
        });
    }

    /** Leaves a call; the last one out ends it. Leaving a call one is not in changes nothing. */
    public void leave(Principal user, String callId) {
        change(user, callId, (h, c, now, events) -> lifecycle.leave(h, c, user.userId(), now, events));
    }

    /** Announces a participant's microphone and camera. */
    public void media(Principal user, String callId, boolean muted, boolean cameraOff) {
        change(user, callId, (h, c, now, events) -> {
            if (c.participant(user.userId()).isEmpty()) {
                throw new ParleyException(ErrorCode.NOT_FOUND, "You are not in this call.");
            }
            store.setMedia(h, callId, user.userId(), muted, cameraOff);
            events.add(CallLifecycle.updated(store.find(h, callId).orElseThrow()));
        });
    }

    /** The room's ringing or active call; members only. */
    public Optional<Call> current(Principal user, long roomId) {
        return db.withHandle(h -> {
            rooms.requireMember(h, roomId, user.userId());
            return store.live(h, roomId);
        });
    }

    /** The live call {@code deviceId} is in, if any. */
    Optional<Call> callOfDevice(Handle h, String deviceId) {
        return store.callOfDevice(h, deviceId).flatMap(id -> store.find(h, id)).filter(Call::live);
    }

    /** The live call with this id in a room the user belongs to, its row locked; {@code not_found} otherwise. */
    private Call liveCall(Handle h, Principal user, String callId) {
        return member(h, user, (callId == null ? Optional.<Call>empty() : lifecycle.locked(h, callId)).filter(Call::live));
    }

    /** As {@link #liveCall} without the lock, for reading only (a signal checks its addressee with it). */
    Call visibleCall(Handle h, Principal user, String callId) {
        return member(h, user, (callId == null ? Optional.<Call>empty() : store.find(h, callId)).filter(Call::live));
    }

    private Call member(Handle h, Principal user, Optional<Call> call) {
        Call c = call.orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "There is no such call."));
        rooms.requireMember(h, c.roomId(), user.userId());
        return c;
    }

    /** A member left or was removed: they are dropped from the room's call, and hear that it ended for them. */
    @Override
    public List<BusEvent> departed(Handle h, long roomId, long userId, long now) {
        Optional<Call> live = store.live(h, roomId);
        if (live.isEmpty()) return List.of();
        List<BusEvent> events = new ArrayList<>();
        Call c = lifecycle.locked(h, live.get().id()).orElseThrow();
        lifecycle.leave(h, c, userId, now, events);
        events.add(new BusEvent.CallEnded(roomId, userId, CallLifecycle.ended(c, Call.COMPLETED, now)));
        // the one member who had not declined a ringing group call is gone: nobody is left to ring for
        store.find(h, c.id()).filter(after -> Call.RINGING.equals(after.state()) && everyoneDeclined(h, after))
                .ifPresent(after -> lifecycle.end(h, after, Call.DECLINED, store.decliners(h, after.id()).getFirst(),
                        now, events));
        return events;
    }

    /** Every member but the caller has declined the call (and at least one has). */
    private boolean everyoneDeclined(Handle h, Call c) {
        List<Long> decliners = store.decliners(h, c.id());
        List<Long> others = new ArrayList<>(rooms.memberIds(h, c.roomId()));
        others.remove(c.startedBy());
        return !decliners.isEmpty() && decliners.containsAll(others);
    }

    /** The socket {@code deviceId} on this node is gone: nobody vouches for it any more. */
    public void deviceDisconnected(String deviceId) {
        heartbeats.gone(deviceId);
    }

    /** The socket {@code deviceId} came back (recovered, same id): if it is in a call, this node vouches for it again. */
    public void deviceReconnected(String deviceId) {
        if (db.withHandle(h -> store.callOfDevice(h, deviceId)).isPresent()) heartbeats.local(deviceId);
    }

    /** One pass of the sweeper, now (also run on every node's timer). */
    public void sweep() {
        heartbeats.sweep();
    }

    @Override
    public void close() {
        heartbeats.close();
    }

    private void change(Principal user, String callId, Change change) {
        List<BusEvent> events = new ArrayList<>();
        long now = clock.millis();
        db.inTransaction(h -> {
            change.apply(h, liveCall(h, user, callId), now, events);
            return null;
        });
        events.forEach(bus::publish);
    }

    private interface Change {
        void apply(Handle h, Call call, long now, List<BusEvent> events);
    }

    private void refuseIfInProgress(Handle h, long roomId) {
        store.live(h, roomId).ifPresent(c -> {
            throw new ParleyException(ErrorCode.CALL_IN_PROGRESS, "A call is in progress in this room: join it.",
                    Map.of("callId", c.id()), null);
        });
    }

    private static ParleyException busy() {
        return new ParleyException(ErrorCode.BUSY, "You are already in a call on another device.");
    }

    /** 22 characters of base64url: 128 random bits. */
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

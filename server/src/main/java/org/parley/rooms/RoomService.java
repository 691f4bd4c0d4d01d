package org.parley.rooms;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.limits.RateLimiter;
import org.parley.storage.Database;
import org.parley.users.PublicUser;
import org.parley.users.User;
import org.parley.users.UserDirectory;

/** Creating, listing, reading, renaming and deleting rooms. Membership changes are in {@link MembershipService}. */
public final class RoomService {
    private final Database db;
    private final RoomStore rooms;
    private final RoomAccess access;
    private final RoomNotices notices;
    private final UserDirectory users;
    private final EventBus bus;
    private final Clock clock;
    private final RateLimiter creations;
    private final RateLimiter joins;

    /** The longest a room can be muted for; beyond it, the level "nothing" says it for good. */
    static final Duration MUTE_MAX = Duration.ofDays(366);

    public RoomService(Database db, RoomNotices notices, UserDirectory users, EventBus bus, Clock clock) {
        this.db = db;
        this.rooms = new RoomStore(db.dialect());
        this.access = new RoomAccess(rooms);
        this.notices = notices;
        this.users = users;
        this.bus = bus;
        this.clock = clock;
        this.creations = new RateLimiter(10, 30, Duration.ofHours(1), clock);
        this.joins = new RateLimiter(30, 60, Duration.ofMinutes(1), clock);
    }

    /** A new group room owned by the caller, with the given members. */
    public RoomSummary createGroup(Principal actor, CreateRoom command) {
        String name = RoomRules.name(command.name());
        String description = RoomRules.description(command.description());
        Set<Long> invited = new LinkedHashSet<>(command.memberIds() == null ? List.of() : command.memberIds());
        invited.remove(actor.userId());
        if (invited.size() + 1 > RoomRules.MEMBERS_MAX) {
            throw ParleyException.invalid("memberIds", "A room has at most " + RoomRules.MEMBERS_MAX + " members.");
        }
        limitCreation(actor);
        List<BusEvent> events = new ArrayList<>();
        long now = clock.millis();
        List<User> invitees = existingUsers(invited);
        String creator = displayName(actor.userId());
        long roomId = db.inTransaction(h -> {
            long id = rooms.insert(h, Room.GROUP, name, description, null, actor.userId(), now);
            rooms.addMember(h, id, actor.userId(), Role.OWNER, now, 0);
            RoomNotices.Notice created = notices.post(h, id, creator + " created the room", now);
            rooms.markRead(h, id, actor.userId(), created.seq());
            events.add(created.announcement());
            for (User u : invitees) {
                rooms.addMember(h, id, u.id(), Role.MEMBER, now, 0);
            }
            for (Member m : rooms.members(h, id)) events.addAll(RoomEvents.memberAdded(id, m));
            return id;
        });
        events.forEach(bus::publish);
        return get(actor, roomId);
    }

    /** The direct room of the caller and {@code userId}, created on first use. */
    public Opened openDirect(Principal actor, OpenDirect command) {
        long userId = command.userId();
        if (userId == actor.userId()) throw ParleyException.invalid("userId", "Pick someone other than yourself.");
        User other = users.find(userId).orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "User not found."));
        String key = Math.min(userId, actor.userId()) + ":" + Math.max(userId, actor.userId());
        var existing = db.withHandle(h -> rooms.findDirect(h, key));
        if (existing.isPresent()) return new Opened(get(actor, existing.get()), false);
        limitCreation(actor);
        List<BusEvent> events = new ArrayList<>();
        long now = clock.millis();
        Long created;
        try {
            created = db.inTransaction(h -> {
                long id = rooms.insert(h, Room.DIRECT, "", "", key, actor.userId(), now);
                rooms.addMember(h, id, actor.userId(), Role.MEMBER, now, 0);
                rooms.addMember(h, id, other.id(), Role.MEMBER, now, 0);
                for (Member m : rooms.members(h, id)) events.addAll(RoomEvents.memberAdded(id, m));
                return id;
            });
        } catch (RuntimeException e) {
            // the other person opened it at the same moment: use theirs
            var raced = db.withHandle(h -> rooms.findDirect(h, key));
            if (raced.isEmpty()) throw e;
            return new Opened(get(actor, raced.get()), false);
        }
        events.forEach(bus::publish);
        return new Opened(get(actor, created), true);
    }

    /** A room as its member sees it; not found for anyone else. */
    public RoomSummary get(Principal actor, long roomId) {
        return db.withHandle(h -> summarize(h, access.requireMember(h, roomId, actor.userId())));
    }

    /** Opens a room on a socket: members only, at most 30 at once and 60 a minute per user. */
    public RoomSummary join(Principal actor, long roomId) {
        joins.acquire("user:" + actor.userId()).ifPresent(wait -> {
            throw ParleyException.rateLimited("You are opening rooms too fast.", wait);
        });
        return get(actor, roomId);
    }

    /** Ids of every room the user belongs to. */
    public List<Long> roomIds(long userId) {
        return db.withHandle(h -> rooms.roomIdsOf(h, userId));
    }

    /** Whether the user is a member of the room. */
    public boolean isMember(long userId, long roomId) {
        return db.withHandle(h -> rooms.membership(h, roomId, userId).isPresent());
    }

    /** Fails with not-found unless the user is a member of the room. */
    public void requireMember(long userId, long roomId) {
        db.withHandle(h -> access.requireMember(h, roomId, userId));
    }

    /** The caller's rooms, most recent activity first. */
    public List<RoomSummary> list(Principal actor) {
        return db.withHandle(h -> rooms.roomsOf(h, actor.userId()).stream()
                .map(r -> summarize(h, access.requireMember(h, r.id(), actor.userId())))
                .toList());
    }

    /** Renames and/or describes a group room (owner or admin). Null fields stay as they are. */
    public RoomSummary update(Principal actor, UpdateRoom command) {
        long roomId = command.roomId();
        String rawName = command.name();
        String rawDescription = command.description();
        List<BusEvent> events = new ArrayList<>();
        long now = clock.millis();
        String actorName = displayName(actor.userId());
        db.inTransaction(h -> {
            Room room = access.requireManager(h, roomId, actor.userId()).room();
            String name = rawName == null ? room.name() : RoomRules.name(rawName);
            String description = rawDescription == null ? room.description() : RoomRules.description(rawDescription);
            if (name.equals(room.name()) && description.equals(room.description())) return null;
            rooms.updateDetails(h, roomId, name, description, now);
            String what = !name.equals(room.name()) ? "renamed the room to \"" + name + "\"" : "changed the description";
            events.add(notices.post(h, roomId, actorName + " " + what, now).announcement());
            events.add(RoomEvents.roomUpdated(rooms.find(h, roomId).orElseThrow()));
            return null;
        });
        events.forEach(bus::publish);
        return get(actor, roomId);
    }

    /** Deletes a group room with all its messages (owner only). */
    public void delete(Principal actor, long roomId) {
        List<Long> memberIds = db.inTransaction(h -> {
            var m = access.requireGroup(h, roomId, actor.userId());
            if (m.member().role() != Role.OWNER) {
                throw new ParleyException(ErrorCode.FORBIDDEN, "Only the room's owner can delete it.");
            }
            List<Long> ids = rooms.memberIds(h, roomId);
            rooms.delete(h, roomId);
            return ids;
        });
        bus.publish(new BusEvent.RoomDeleted(roomId, memberIds));
    }

    RoomSummary summarize(Handle h, RoomAccess.Membership m) {
        Room r = m.room();
        Member me = m.member();
        RoomMessage last = r.lastSeq() == 0 ? null : notices.shown(h, r.id(), r.lastSeq()).orElse(null);
        PublicUser peer = null;
        String name = r.name();
        if (r.isDirect()) {
            var p = rooms.peer(h, r.id(), me.userId());
            if (p.isPresent()) {
                peer = new PublicUser(p.get().userId(), p.get().username(), p.get().displayName());
                name = p.get().displayName();
            }
        }
        return new RoomSummary(r.id(), r.kind(), name, r.description(), r.createdAt(), r.lastSeq(), r.lastRev(),
                r.lastMessageAt(), me.role(), me.lastReadSeq(), Math.max(0, r.lastSeq() - me.lastReadSeq()),
                rooms.memberCount(h, r.id()), last, peer, rooms.mentionCount(h, r.id(), me.userId(), me.lastReadSeq()),
                rooms.notifications(h, r.id(), me.userId()).orElse(NotificationSettings.DEFAULT));
    }

    /**
     * Sets the caller's notifications for a room (members only) and tells their other devices.
     * The level must be named exactly; a mute must end in the future, within {@link #MUTE_MAX}.
     */
    public NotificationSettings setNotifications(Principal actor, SetNotifications command) {
        if (command.level() == null) throw ParleyException.invalid("level", "Give a level: all, mentions or nothing.");
        NotificationLevel level = NotificationLevel.fromJson(command.level()).orElseThrow(() ->
                ParleyException.invalid("level", "level must be one of all, mentions, nothing."));
        long now = clock.millis();
        Long until = command.mutedUntil();
        if (until != null && (until <= now || until > now + MUTE_MAX.toMillis())) {
            throw ParleyException.invalid("mutedUntil", "mutedUntil must be a time within the next year.");
        }
        NotificationSettings settings = new NotificationSettings(level, until);
        db.inTransaction(h -> {
            access.requireMember(h, command.roomId(), actor.userId());
            rooms.setNotifications(h, command.roomId(), actor.userId(), settings);
            return null;
        });
        bus.publish(new BusEvent.NotificationSettingsChanged(actor.userId(), command.roomId(), level.json(), until));
        return settings;
    }

    private List<User> existingUsers(Set<Long> ids) {
        List<User> found = new ArrayList<>();
        for (long id : ids) {
            found.add(users.find(id).orElseThrow(() ->
                    ParleyException.invalid("memberIds", "User " + id + " does not exist.")));
        }
        return found;
    }

    private String displayName(long userId) {
        return users.find(userId).map(User::displayName).orElse("Someone");
    }

    private void limitCreation(Principal actor) {
        creations.acquire("user:" + actor.userId()).ifPresent(wait -> {
            throw ParleyException.rateLimited("You are creating rooms too fast. Try again later.", wait);
        });
    }

    /** A direct room and whether this call created it. */
    public record Opened(RoomSummary room, boolean created) {}
}

package org.parley.rooms;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.storage.Database;
import org.parley.users.User;
import org.parley.users.UserDirectory;

/**
 * Who is in a group room and with what role. Owners and admins add and remove members and
 * promote or demote admins; nobody changes or removes the owner; members leave by themselves.
 * Every change shows in the room as a system message.
 */
public final class MembershipService {
    private final Database db;
    private final RoomStore rooms;
    private final RoomAccess access;
    private final RoomNotices notices;
    private final UserDirectory users;
    private final EventBus bus;
    private final Clock clock;
    private final RoomDepartures departures;

    public MembershipService(Database db, RoomNotices notices, UserDirectory users, EventBus bus, Clock clock) {
        this(db, notices, users, bus, clock, RoomDepartures.NONE);
    }

    /** As above; {@code departures} hears of every member who leaves or is removed, in the same transaction. */
    public MembershipService(Database db, RoomNotices notices, UserDirectory users, EventBus bus, Clock clock,
                             RoomDepartures departures) {
        this.departures = departures;
        this.db = db;
        this.rooms = new RoomStore(db.dialect());
        this.access = new RoomAccess(rooms);
        this.notices = notices;
        this.users = users;
        this.bus = bus;
        this.clock = clock;
    }

    public List<Member> members(Principal actor, long roomId) {
        return db.withHandle(h -> {
            access.requireMember(h, roomId, actor.userId());
            return rooms.members(h, roomId);
        });
    }

    public List<Member> add(Principal actor, AddMembers command) {
        long roomId = command.roomId();
        List<Long> userIds = command.userIds();
        if (userIds == null || userIds.isEmpty()) throw ParleyException.invalid("userIds", "Name at least one user to add.");
        List<User> added = new ArrayList<>();
        for (long id : userIds) {
            added.add(users.find(id).orElseThrow(() -> ParleyException.invalid("userIds", "User " + id + " does not exist.")));
        }
        String actorName = name(actor.userId());
        List<BusEvent> events = new ArrayList<>();
        long now = clock.millis();
        db.inTransaction(h -> {
            Room room = access.requireManager(h, roomId, actor.userId()).room();
            if (rooms.memberCount(h, roomId) + added.size() > RoomRules.MEMBERS_MAX) {
                throw ParleyException.invalid("userIds", "A room has at most " + RoomRules.MEMBERS_MAX + " members.");
            }
            for (User u : added) {
                if (!rooms.addMember(h, roomId, u.id(), Role.MEMBER, now, room.lastSeq())) continue;
                RoomNotices.Notice notice = notices.post(h, roomId, actorName + " added " + u.displayName(), now);
                events.addAll(RoomEvents.memberAdded(roomId, rooms.membership(h, roomId, u.id()).orElseThrow()));
                events.add(notice.announcement());
            }
            return null;
        });
        events.forEach(bus::publish);
        return members(actor, roomId);
    }

    /** Makes a member an admin or an admin a member. */
    public Member setRole(Principal actor, SetRole command) {
        long roomId = command.roomId();
        long userId = command.userId();
        String rawRole = command.role();
        Role role;
        try {
            role = Role.parse(rawRole == null ? "" : rawRole);
        } catch (IllegalArgumentException e) {
            throw ParleyException.invalid("role", "Role must be admin or member.");
        }
        if (role == Role.OWNER) throw ParleyException.invalid("role", "Role must be admin or member.");
        String actorName = name(actor.userId());
        List<BusEvent> events = new ArrayList<>();
        long now = clock.millis();
        Member result = db.inTransaction(h -> {
            access.requireManager(h, roomId, actor.userId());
            Member target = rooms.membership(h, roomId, userId)
                    .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "That user is not in this room."));
            if (target.role() == Role.OWNER) {
                throw new ParleyException(ErrorCode.FORBIDDEN, "The owner's role cannot be changed.");
            }
            if (target.role() == role) return target;
            rooms.setRole(h, roomId, userId, role);
            String what = role == Role.ADMIN ? " made " + target.displayName() + " an admin"
                    : " made " + target.displayName() + " a member";
            events.add(notices.post(h, roomId, actorName + what, now).announcement());
            Member updated = rooms.membership(h, roomId, userId).orElseThrow();
            events.add(RoomEvents.memberUpdated(roomId, updated));
            return updated;
        });
        events.forEach(bus::publish);
        return result;
    }

    /** Removes someone else (owner or admin), or leaves when {@code userId} is the caller. */
    public void remove(Principal actor, long roomId, long userId) {
        if (userId == actor.userId()) {
            leave(actor, roomId);
            return;
        }
        String actorName = name(actor.userId());
        List<BusEvent> events = new ArrayList<>();
        long now = clock.millis();
        db.inTransaction(h -> {
            access.requireManager(h, roomId, actor.userId());
            Member target = rooms.membership(h, roomId, userId)
                    .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "That user is not in this room."));
            if (target.role() == Role.OWNER) throw new ParleyException(ErrorCode.FORBIDDEN, "The owner cannot be removed.");
            rooms.removeMember(h, roomId, userId);
            events.add(new BusEvent.MemberRemoved(roomId, userId));
            events.add(notices.post(h, roomId, actorName + " removed " + target.displayName(), now).announcement());
            events.addAll(departures.departed(h, roomId, userId, now));
            return null;
        });
        events.forEach(bus::publish);
    }

    /** Leaves a group room. An owner hands the room to the longest-standing admin, else member. */
    public void leave(Principal actor, long roomId) {
        String actorName = name(actor.userId());
        List<BusEvent> events = new ArrayList<>();
        long now = clock.millis();
        db.inTransaction(h -> {
            Member me = access.requireGroup(h, roomId, actor.userId()).member();
            if (me.role() == Role.OWNER) {
                long heir = rooms.successor(h, roomId, actor.userId()).orElseThrow(() -> new ParleyException(
                        ErrorCode.CONFLICT, "You are the only member. Delete the room instead of leaving it."));
                rooms.setRole(h, roomId, heir, Role.OWNER);
                Member newOwner = rooms.membership(h, roomId, heir).orElseThrow();
                events.add(RoomEvents.memberUpdated(roomId, newOwner));
                rooms.removeMember(h, roomId, actor.userId());
                events.add(new BusEvent.MemberRemoved(roomId, actor.userId()));
                String text = actorName + " left; " + newOwner.displayName() + " is now the owner";
                events.add(notices.post(h, roomId, text, now).announcement());
                events.addAll(departures.departed(h, roomId, actor.userId(), now));
            } else {
                rooms.removeMember(h, roomId, actor.userId());
                events.add(new BusEvent.MemberRemoved(roomId, actor.userId()));
                events.add(notices.post(h, roomId, actorName + " left", now).announcement());
                events.addAll(departures.departed(h, roomId, actor.userId(), now));
            }
            return null;
        });
        events.forEach(bus::publish);
    }

    private String name(long userId) {
        return users.find(userId).map(User::displayName).orElse("Someone");
    }
}

package org.parley.rooms;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.messages.Message;
import org.parley.messages.MessageEvents;
import org.parley.messages.MessageStore;
import org.parley.storage.Database;
import org.parley.users.User;
import org.parley.users.UserStore;

/**
 * Who is in a group room and with what role. Owners and admins add and remove members and
 * promote or demote admins; nobody changes or removes the owner; members leave by themselves.
 * Every change shows in the room as a system message.
 */
public final class MembershipService {
    private final Database db;
    private final RoomStore rooms;
    private final RoomAccess access;
    private final MessageStore messages;
    private final UserStore users;
    private final EventBus bus;
    private final Clock clock;

    public MembershipService(Database db, RoomStore rooms, RoomAccess access, MessageStore messages, UserStore users,
                             EventBus bus, Clock clock) {
        this.db = db;
        this.rooms = rooms;
        this.access = access;
        this.messages = messages;
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

    public List<Member> add(Principal actor, long roomId, List<Long> userIds) {
        if (userIds == null || userIds.isEmpty()) throw ParleyException.invalid("userIds", "Name at least one user to add.");
        List<User> added = new ArrayList<>();
        for (long id : userIds) {
            added.add(users.findById(id).orElseThrow(() -> ParleyException.invalid("userIds", "User " + id + " does not exist.")));
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
                Message notice = messages.append(h, roomId, null, Message.SYSTEM,
                        actorName + " added " + u.displayName(), null, null, now);
                events.addAll(RoomEvents.memberAdded(roomId, rooms.membership(h, roomId, u.id()).orElseThrow()));
                events.add(MessageEvents.created(notice));
            }
            return null;
        });
        events.forEach(bus::publish);
        return members(actor, roomId);
    }

    /** Makes a member an admin or an admin a member. */
    public Member setRole(Principal actor, long roomId, long userId, String rawRole) {
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
            events.add(MessageEvents.created(messages.append(h, roomId, null, Message.SYSTEM,
                    actorName + what, null, null, now)));
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
            events.add(MessageEvents.created(messages.append(h, roomId, null, Message.SYSTEM,
                    actorName + " removed " + target.displayName(), null, null, now)));
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
                events.add(MessageEvents.created(messages.append(h, roomId, null, Message.SYSTEM,
                        actorName + " left; " + newOwner.displayName() + " is now the owner", null, null, now)));
            } else {
                rooms.removeMember(h, roomId, actor.userId());
                events.add(new BusEvent.MemberRemoved(roomId, actor.userId()));
                events.add(MessageEvents.created(messages.append(h, roomId, null, Message.SYSTEM,
                        actorName + " left", null, null, now)));
            }
            return null;
        });
        events.forEach(bus::publish);
    }

    private String name(long userId) {
        return users.findById(userId).map(User::displayName).orElse("Someone");
    }
}

package org.parley.rooms;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.parley.http.Params;
import org.parley.http.RequestAuth;

/** REST handlers for rooms and their members. */
public final class RoomRoutes {
    record CreateRoom(String name, String description, List<Long> memberIds) {}

    record OpenDirect(Long userId) {}

    record UpdateRoom(String name, String description) {}

    record AddMembers(List<Long> userIds) {}

    record UpdateMember(String role) {}

    private final RoomService rooms;
    private final MembershipService memberships;

    public RoomRoutes(RoomService rooms, MembershipService memberships) {
        this.rooms = rooms;
        this.memberships = memberships;
    }

    public void list(Context ctx) {
        ctx.json(Map.of("rooms", rooms.list(RequestAuth.principal(ctx))));
    }

    public void create(Context ctx) {
        CreateRoom req = ctx.bodyAsClass(CreateRoom.class);
        ctx.status(201).json(rooms.createGroup(RequestAuth.principal(ctx), req.name(), req.description(), req.memberIds()));
    }

    public void openDirect(Context ctx) {
        OpenDirect req = ctx.bodyAsClass(OpenDirect.class);
        if (req.userId() == null) throw org.parley.errors.ParleyException.invalid("userId", "userId is required.");
        var opened = rooms.openDirect(RequestAuth.principal(ctx), req.userId());
        ctx.status(opened.created() ? 201 : 200).json(opened.room());
    }

    public void get(Context ctx) {
        ctx.json(rooms.get(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId")));
    }

    public void update(Context ctx) {
        UpdateRoom req = ctx.bodyAsClass(UpdateRoom.class);
        ctx.json(rooms.update(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"), req.name(), req.description()));
    }

    public void delete(Context ctx) {
        rooms.delete(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"));
        ctx.status(204);
    }

    public void members(Context ctx) {
        ctx.json(Map.of("members", memberships.members(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"))));
    }

    public void addMembers(Context ctx) {
        AddMembers req = ctx.bodyAsClass(AddMembers.class);
        ctx.json(Map.of("members", memberships.add(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"), req.userIds())));
    }

    public void updateMember(Context ctx) {
        UpdateMember req = ctx.bodyAsClass(UpdateMember.class);
        ctx.json(memberships.setRole(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"),
                Params.pathId(ctx, "userId"), req.role()));
    }

    public void removeMember(Context ctx) {
        memberships.remove(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"), Params.pathId(ctx, "userId"));
        ctx.status(204);
    }
}

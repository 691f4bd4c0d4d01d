package org.parley.rooms;

import io.javalin.http.Context;
import java.util.Map;
import org.parley.auth.RequestAuth;
import org.parley.http.Params;
import org.parley.http.RequestBody;
import org.parley.json.Commands;

/** REST handlers for rooms and their members. Bodies are decoded into commands; ids in the path take part in them. */
public final class RoomRoutes {
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
        CreateRoom command = Commands.decode(RequestBody.object(ctx), CreateRoom.class);
        ctx.status(201).json(rooms.createGroup(RequestAuth.principal(ctx), command));
    }

    public void openDirect(Context ctx) {
        OpenDirect command = Commands.decode(RequestBody.object(ctx), OpenDirect.class);
        var opened = rooms.openDirect(RequestAuth.principal(ctx), command);
        ctx.status(opened.created() ? 201 : 200).json(opened.room());
    }

    public void get(Context ctx) {
        ctx.json(rooms.get(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId")));
    }

    public void update(Context ctx) {
        UpdateRoom command = Commands.decode(RequestBody.object(ctx), UpdateRoom.class, inRoom(ctx));
        ctx.json(rooms.update(RequestAuth.principal(ctx), command));
    }

    public void delete(Context ctx) {
        rooms.delete(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"));
        ctx.status(204);
    }

    public void setNotifications(Context ctx) {
        SetNotifications command = Commands.decode(RequestBody.object(ctx), SetNotifications.class, inRoom(ctx));
        ctx.json(rooms.setNotifications(RequestAuth.principal(ctx), command));
    }

    public void members(Context ctx) {
        ctx.json(Map.of("members", memberships.members(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"))));
    }

    public void addMembers(Context ctx) {
        AddMembers command = Commands.decode(RequestBody.object(ctx), AddMembers.class, inRoom(ctx));
        ctx.json(Map.of("members", memberships.add(RequestAuth.principal(ctx), command)));
    }

    public void updateMember(Context ctx) {
        SetRole command = Commands.decode(RequestBody.object(ctx), SetRole.class,
                Map.of("roomId", Params.pathId(ctx, "roomId"), "userId", Params.pathId(ctx, "userId")));
        ctx.json(memberships.setRole(RequestAuth.principal(ctx), command));
    }

    public void removeMember(Context ctx) {
        memberships.remove(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"), Params.pathId(ctx, "userId"));
        ctx.status(204);
    }

    private static Map<String, Long> inRoom(Context ctx) {
        return Map.of("roomId", Params.pathId(ctx, "roomId"));
    }
}

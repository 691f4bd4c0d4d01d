package org.parley.messages;

import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.parley.auth.RequestAuth;
import org.parley.errors.ParleyException;
import org.parley.http.Params;
import org.parley.http.RequestBody;
import org.parley.json.Commands;

/**
 * REST handlers for a room's messages: history, threads, and sending and changing messages without a socket.
 * Bodies are decoded into the same commands the socket gateway decodes; the path's ids take part in them.
 */
public final class MessageRoutes {
    private final MessageService messages;

    public MessageRoutes(MessageService messages) {
        this.messages = messages;
    }

    public void history(Context ctx) {
        ctx.json(Map.of("messages", messages.history(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"),
                Params.queryLong(ctx, "before"), Params.queryLong(ctx, "after"), Params.queryLong(ctx, "around"),
                Params.queryInt(ctx, "limit"))));
    }

    public void thread(Context ctx) {
        ctx.json(messages.thread(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"), Params.pathId(ctx, "seq"),
                Params.queryLong(ctx, "after"), Params.queryInt(ctx, "limit")));
    }

    public void send(Context ctx) {
        SendMessage command = Commands.decode(RequestBody.object(ctx), SendMessage.class, inRoom(ctx));
        try {
            SendResult r = messages.send(RequestAuth.principal(ctx), command).join();
            ctx.status(r.duplicate() ? 200 : 201).json(r.message());
        } catch (CompletionException e) {
            if (e.getCause() instanceof ParleyException p) throw p;
            throw e;
        }
    }

    public void edit(Context ctx) {
        EditMessage command = Commands.decode(RequestBody.object(ctx), EditMessage.class, atMessage(ctx));
        ctx.json(messages.edit(RequestAuth.principal(ctx), command));
    }

    public void delete(Context ctx) {
        DeleteMessage command = new DeleteMessage(Params.pathId(ctx, "roomId"), Params.pathId(ctx, "seq"));
        ctx.json(messages.delete(RequestAuth.principal(ctx), command));
    }

    public void react(Context ctx) {
        React command = Commands.decode(RequestBody.object(ctx), React.class, atMessage(ctx));
        ctx.json(messages.react(RequestAuth.principal(ctx), command));
    }

    public void markRead(Context ctx) {
        MarkRead command = Commands.decode(RequestBody.object(ctx), MarkRead.class, inRoom(ctx));
        ctx.json(Map.of("seq", messages.markRead(RequestAuth.principal(ctx), command)));
    }

    public void markThreadRead(Context ctx) {
        MarkThreadRead command = Commands.decode(RequestBody.object(ctx), MarkThreadRead.class,
                Map.of("roomId", Params.pathId(ctx, "roomId"), "rootSeq", Params.pathId(ctx, "seq")));
        ctx.json(Map.of("seq", messages.markThreadRead(RequestAuth.principal(ctx), command)));
    }

    private static Map<String, Long> inRoom(Context ctx) {
        return Map.of("roomId", Params.pathId(ctx, "roomId"));
    }

    private static Map<String, Long> atMessage(Context ctx) {
        return Map.of("roomId", Params.pathId(ctx, "roomId"), "seq", Params.pathId(ctx, "seq"));
    }
}

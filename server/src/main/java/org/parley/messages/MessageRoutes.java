package org.parley.messages;

import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.parley.errors.ParleyException;
import org.parley.http.Params;
import org.parley.http.RequestAuth;

/** REST handlers for a room's messages: history, and sending and changing messages without a socket. */
public final class MessageRoutes {
    record NewMessage(String content, String clientId, Long replyTo) {}

    record EditMessage(String content) {}

    record NewReaction(String emoji) {}

    record ReadMark(Long seq) {}

    private final MessageService messages;

    public MessageRoutes(MessageService messages) {
        this.messages = messages;
    }

    public void history(Context ctx) {
        ctx.json(Map.of("messages", messages.history(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"),
                Params.queryLong(ctx, "before"), Params.queryLong(ctx, "after"), Params.queryLong(ctx, "around"),
                Params.queryInt(ctx, "limit"))));
    }

    public void send(Context ctx) {
        NewMessage req = ctx.bodyAsClass(NewMessage.class);
        try {
            SendResult r = messages.send(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"), req.content(),
                    req.clientId(), req.replyTo()).join();
            ctx.status(r.duplicate() ? 200 : 201).json(r.message());
        } catch (CompletionException e) {
            if (e.getCause() instanceof ParleyException p) throw p;
            throw e;
        }
    }

    public void edit(Context ctx) {
        EditMessage req = ctx.bodyAsClass(EditMessage.class);
        ctx.json(messages.edit(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"), Params.pathId(ctx, "seq"),
                req.content()));
    }

    public void delete(Context ctx) {
        ctx.json(messages.delete(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"), Params.pathId(ctx, "seq")));
    }

    public void react(Context ctx) {
        NewReaction req = ctx.bodyAsClass(NewReaction.class);
        ctx.json(messages.react(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"), Params.pathId(ctx, "seq"),
                req.emoji()));
    }

    public void markRead(Context ctx) {
        ReadMark req = ctx.bodyAsClass(ReadMark.class);
        if (req.seq() == null) throw ParleyException.invalid("seq", "seq is required.");
        long seq = messages.markRead(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"), req.seq());
        ctx.json(Map.of("seq", seq));
    }
}

package org.parley.push;

import io.javalin.http.Context;
import java.util.Map;
import org.parley.auth.RequestAuth;
import org.parley.errors.ParleyException;
import org.parley.http.RequestBody;
import tools.jackson.databind.JsonNode;

/** REST handlers for Web Push: the server's public key, and the signed-in user's subscriptions. */
public final class PushRoutes {
    private final PushService push;
    private final VapidKeys keys;

    public PushRoutes(PushService push, VapidKeys keys) {
        this.push = push;
        this.keys = keys;
    }

    public void key(Context ctx) {
        ctx.json(Map.of("publicKey", keys.publicKeyBase64Url()));
    }

    public void list(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("endpoints", push.endpoints(RequestAuth.principal(ctx))));
    }

    public void subscribe(Context ctx) {
        push.subscribe(RequestAuth.principal(ctx), SubscribePush.decode(RequestBody.object(ctx)));
        ctx.status(204);
    }

    public void unsubscribe(Context ctx) {
        JsonNode body = RequestBody.object(ctx);
        for (String name : body.propertyNames()) {
            if (!"endpoint".equals(name)) throw ParleyException.invalid(name, "Unknown field " + name + ".");
        }
        push.unsubscribe(RequestAuth.principal(ctx), SubscribePush.required(body, "endpoint"));
        ctx.status(204);
    }
}

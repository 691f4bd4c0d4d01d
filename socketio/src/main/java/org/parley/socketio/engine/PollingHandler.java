package org.parley.socketio.engine;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/** HTTP side of an endpoint: handshake, long-poll GET, POST, CORS preflight, and 400s. */
final class PollingHandler {

    private final EngineServer server;
    private final OriginPolicy cors;

    PollingHandler(EngineServer server, OriginPolicy cors) {
        this.server = server;
        this.cors = cors;
    }

    void install(JavalinConfig javalin, String path) {
        for (HandlerType type : new HandlerType[] {HandlerType.GET, HandlerType.POST, HandlerType.OPTIONS,
                HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE}) {
            javalin.routes.addHttpHandler(type, path, this::handle);
        }
    }

    private void handle(Context ctx) throws IOException {
        if (!cors.allows(ctx)) {
            respond(ctx, PollResponse.error(403, 4, "Forbidden"));
            return;
        }
        if (HandlerType.OPTIONS.equals(ctx.method())) {
            cors.preflight(ctx);
            return;
        }
        cors.apply(ctx);
        if (!"4".equals(ctx.queryParam("EIO"))) {
            respond(ctx, PollResponse.error(400, 5, "Unsupported protocol version"));
            return;
        }
        String transport = ctx.queryParam("transport");
        if (!Transport.Kind.POLLING.wireName().equals(transport)) {
            respond(ctx, Transport.Kind.WEBSOCKET.wireName().equals(transport)
                    ? PollResponse.badRequest()
                    : PollResponse.error(400, 0, "Transport unknown"));
            return;
        }
        String sid = ctx.queryParam("sid");
        if (sid == null) {
            if (HandlerType.GET.equals(ctx.method())) {
                respond(ctx, server.openPolling(EngineRequests.from(ctx)));
            } else {
                respond(ctx, PollResponse.error(400, 2, "Bad handshake method"));
            }
            return;
        }
        EngineSession session = server.find(sid);
        if (session == null) {
            respond(ctx, PollResponse.unknownSession());
            return;
        }
        if (HandlerType.GET.equals(ctx.method())) {
            poll(ctx, session);
        } else if (HandlerType.POST.equals(ctx.method())) {
            push(ctx, session);
        } else {
            respond(ctx, PollResponse.badRequest());
        }
    }

    private void poll(Context ctx, EngineSession session) {
        CompletableFuture<PollResponse> response = session.onPollRequest();
        if (response.isDone()) {
            respond(ctx, response.join());
        } else {
            ctx.future(() -> response.thenAcceptAsync(r -> respond(ctx, r), server.responder()));
        }
    }

    private void push(Context ctx, EngineSession session) throws IOException {
        int limit = server.config().maxPayload();
        long declared = ctx.req().getContentLengthLong();
        byte[] body = declared > limit ? null : readAtMost(ctx.req().getInputStream(), limit + 1);
        if (body == null || body.length > limit) {
            session.close(CloseReason.TRANSPORT_ERROR);
            respond(ctx, PollResponse.error(413, 3, "Payload too large"));
            return;
        }
        respond(ctx, session.onPostRequest(body));
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        return in.readNBytes(max);
    }

    private static void respond(Context ctx, PollResponse response) {
        ctx.status(response.status()).contentType(response.contentType()).result(response.body());
    }
}

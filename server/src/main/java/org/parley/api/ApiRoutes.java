package org.parley.api;

import io.javalin.config.JavalinConfig;
import org.parley.auth.AuthRoutes;
import org.parley.auth.RequestAuth;
import org.parley.files.FileRoutes;
import org.parley.files.TusRoutes;
import org.parley.calls.CallRoutes;
import org.parley.push.PushRoutes;
import org.parley.http.HealthRoutes;
import org.parley.http.RouteInstaller;
import org.parley.messages.MessageRoutes;
import org.parley.rooms.RoomRoutes;
import org.parley.search.SearchRoutes;
import org.parley.users.UserRoutes;

/**
 * The one table of REST routes. Everything under {@code /api/} except {@code /api/auth/} needs a token,
 * and so does {@code /api/auth/logout-all}; a file's content or thumbnail requested with a signed link
 * needs none (the file handler verifies the link).
 * It lives above the features, so it may name every feature's handlers, while the HTTP kit
 * ({@code org.parley.http}) imports no feature.
 */
public record ApiRoutes(RequestAuth requestAuth, HealthRoutes health, AuthRoutes auth, UserRoutes users,
                        RoomRoutes rooms, MessageRoutes messages, SearchRoutes search, TusRoutes uploads,
                        FileRoutes files, CallRoutes calls, PushRoutes push)
        implements RouteInstaller {

    @Override
    public void install(JavalinConfig config) {
        var r = config.routes;
        r.get("/healthz", health::health);
        r.get("/readyz", health::readiness);
        r.get("/metrics", health::metricsNotServedHere); // served on the management address only

        r.post("/api/auth/register", auth::register);
        r.post("/api/auth/login", auth::login);
        r.post("/api/auth/refresh", auth::refresh);
        r.post("/api/auth/logout", auth::logout);
        r.post("/api/auth/logout-all", ctx -> {
            requestAuth.authenticate(ctx);
            auth.logoutAll(ctx);
        });

        r.beforeMatched("/api/*", ctx -> {
            if (!ctx.path().startsWith("/api/auth/") && !"OPTIONS".equals(ctx.method().name()) && !FileRoutes.signed(ctx)) {
                requestAuth.authenticate(ctx);
            }
        });
        r.get("/api/me", ctx -> users.me(ctx, RequestAuth.principal(ctx).userId()));
        r.patch("/api/me", ctx -> users.updateMe(ctx, RequestAuth.principal(ctx).userId()));
        r.post("/api/me/password", auth::changePassword);
        r.get("/api/users", users::search);

        r.get("/api/rooms", rooms::list);
        r.post("/api/rooms", rooms::create);
        r.post("/api/rooms/direct", rooms::openDirect);
        r.get("/api/rooms/{roomId}", rooms::get);
        r.patch("/api/rooms/{roomId}", rooms::update);
        r.delete("/api/rooms/{roomId}", rooms::delete);
        r.patch("/api/rooms/{roomId}/notifications", rooms::setNotifications);
        r.get("/api/rooms/{roomId}/members", rooms::members);
        r.post("/api/rooms/{roomId}/members", rooms::addMembers);
        r.patch("/api/rooms/{roomId}/members/{userId}", rooms::updateMember);
        r.delete("/api/rooms/{roomId}/members/{userId}", rooms::removeMember);

        r.get("/api/rooms/{roomId}/messages", messages::history);
        r.post("/api/rooms/{roomId}/messages", messages::send);
        r.patch("/api/rooms/{roomId}/messages/{seq}", messages::edit);
        r.delete("/api/rooms/{roomId}/messages/{seq}", messages::delete);
        r.post("/api/rooms/{roomId}/messages/{seq}/reactions", messages::react);
        r.get("/api/rooms/{roomId}/messages/{seq}/thread", messages::thread);
        r.post("/api/rooms/{roomId}/messages/{seq}/thread/read", messages::markThreadRead);
        r.post("/api/rooms/{roomId}/read", messages::markRead);

        r.get("/api/search", search::search);

        r.options("/api/uploads", uploads::options);
        r.post("/api/uploads", uploads::create);
        r.options("/api/uploads/{uploadId}", uploads::options);
        r.head("/api/uploads/{uploadId}", uploads::head);
        r.patch("/api/uploads/{uploadId}", uploads::patch);
        r.delete("/api/uploads/{uploadId}", uploads::delete);

        r.post("/api/files/links", files::links);
        r.get("/api/files/{fileId}", files::info);
        r.get("/api/files/{fileId}/content", files::content);
        r.get("/api/files/{fileId}/thumbnail", files::thumbnail);
        r.get("/api/rooms/{roomId}/files", files::inRoom);

        r.get("/api/calls/ice-servers", calls::iceServers);
        r.get("/api/rooms/{roomId}/call", calls::roomCall);

        r.get("/api/push/key", push::key);
        r.get("/api/push/subscriptions", push::list);
        r.post("/api/push/subscriptions", push::subscribe);
        r.delete("/api/push/subscriptions", push::unsubscribe);
    }
}

package org.parley.users;

import io.javalin.http.Context;
import java.util.Map;
import org.parley.http.RequestBody;
import org.parley.json.Commands;

/**
 * REST handlers for {@code /api/me} and {@code /api/users}. Accounts sit below sign-in (auth
 * uses users, never the reverse), so the route table hands in the id of the signed-in caller.
 */
public final class UserRoutes {
    record ProfileUpdate(String displayName, String theme) {}

    private final UserService users;

    public UserRoutes(UserService users) {
        this.users = users;
    }

    public void me(Context ctx, long callerId) {
        ctx.json(users.get(callerId));
    }

    public void updateMe(Context ctx, long callerId) {
        ProfileUpdate update = Commands.decode(RequestBody.object(ctx), ProfileUpdate.class);
        ctx.json(users.updateProfile(callerId, update.displayName(), update.theme()));
    }

    public void search(Context ctx) {
        ctx.json(Map.of("users", users.search(ctx.queryParam("query"))));
    }
}

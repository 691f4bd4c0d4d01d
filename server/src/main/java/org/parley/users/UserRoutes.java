package org.parley.users;

import io.javalin.http.Context;
import java.util.Map;
import org.parley.auth.RequestAuth;
import org.parley.http.RequestBody;
import org.parley.json.Commands;

/** REST handlers for {@code /api/me} and {@code /api/users}. */
public final class UserRoutes {
    record ProfileUpdate(String displayName) {}

    private final UserService users;

    public UserRoutes(UserService users) {
        this.users = users;
    }

    public void me(Context ctx) {
        ctx.json(users.get(RequestAuth.principal(ctx).userId()));
    }

    public void updateMe(Context ctx) {
        ProfileUpdate update = Commands.decode(RequestBody.object(ctx), ProfileUpdate.class);
        ctx.json(users.updateDisplayName(RequestAuth.principal(ctx).userId(), update.displayName()));
    }

    public void search(Context ctx) {
        RequestAuth.principal(ctx);
        ctx.json(Map.of("users", users.search(ctx.queryParam("query"))));
    }
}

package org.parley.auth;

import io.javalin.http.Context;
import org.parley.http.ClientAddresses;
import org.parley.http.RequestBody;
import org.parley.json.Commands;

/** REST handlers for {@code /api/auth/*}. */
public final class AuthRoutes {
    record RegisterRequest(String username, String email, String password, String displayName) {}

    record LoginRequest(String login, String password) {}

    record TokenRequest(String refreshToken) {}

    record PasswordChange(String currentPassword, String newPassword) {}

    private final AuthService auth;
    private final ClientAddresses addresses;

    public AuthRoutes(AuthService auth, ClientAddresses addresses) {
        this.auth = auth;
        this.addresses = addresses;
    }

    public void register(Context ctx) {
        RegisterRequest req = Commands.decode(RequestBody.object(ctx), RegisterRequest.class);
        ctx.status(201).json(auth.register(req.username(), req.email(), req.password(), req.displayName(),
                addresses.of(ctx)));
    }

    public void login(Context ctx) {
        LoginRequest req = Commands.decode(RequestBody.object(ctx), LoginRequest.class);
        ctx.json(auth.login(req.login(), req.password(), addresses.of(ctx)));
    }

    public void refresh(Context ctx) {
        ctx.json(auth.refresh(Commands.decode(RequestBody.object(ctx), TokenRequest.class).refreshToken()));
    }

    /** {@code POST /api/auth/logout-all}: signs the caller out everywhere; needs an access token. */
    public void logoutAll(Context ctx) {
        auth.logoutAll(RequestAuth.principal(ctx));
        ctx.status(204);
    }

    /** {@code POST /api/me/password}: ends every other session; the caller's stays signed in. */
    public void changePassword(Context ctx) {
        PasswordChange req = Commands.decode(RequestBody.object(ctx), PasswordChange.class);
        auth.changePassword(RequestAuth.principal(ctx), req.currentPassword(), req.newPassword(), addresses.of(ctx));
        ctx.status(204);
    }

    public void logout(Context ctx) {
        auth.logout(Commands.decode(RequestBody.object(ctx), TokenRequest.class).refreshToken());
        ctx.status(204);
    }
}

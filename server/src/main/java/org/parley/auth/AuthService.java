package org.parley.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.config.ParleyConfig;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.errors.Validation;
import org.parley.limits.RateLimiter;
import org.parley.storage.Database;
import org.parley.users.Accounts;
import org.parley.users.User;
import org.parley.users.UserRules;

/**
 * Accounts and sign-in sessions: register, log in, rotate refresh tokens, log out (one session or
 * all), change the password. A session is a family of refresh tokens; each refresh spends one and
 * issues the next. Presenting a spent token means it leaked, so the whole family is revoked. Every
 * revocation is committed first, then recorded in {@link SessionRevocations} on this node (its
 * access tokens stop working at once) and published as {@code SessionRevoked} for the other nodes
 * and for the sockets of the session.
 */
public final class AuthService {
    public static final int PASSWORD_MIN_CHARS = PasswordRules.MIN_CHARS;
    public static final int PASSWORD_MAX_BYTES = PasswordRules.MAX_BYTES;
    /** The answer to a registration whose email is taken: it names no field, so it does not confirm the email. */
    static final String CANNOT_REGISTER = "An account could not be created with these details. "
            + "If you already have one, sign in instead.";
    private static final String BAD_LOGIN = "Wrong username, email or password.";
    private static final String BAD_REFRESH = "Your session has ended. Please sign in again.";

    private final Database db;
    private final Accounts users;
    private final RefreshTokenStore refreshTokens = new RefreshTokenStore();
    private final PasswordHasher hasher;
    private final AccessTokens accessTokens;
    private final LoginThrottle loginThrottle;
    private final RateLimiter registrations;
    private final Duration refreshTtl;
    private final Clock clock;
    private final EventBus bus;
    private final SessionRevocations revocations;
    private final SecureRandom random = new SecureRandom();

    public AuthService(Database db, Accounts users, PasswordHasher hasher, AccessTokens accessTokens,
                       ParleyConfig.Auth config, EventBus bus, SessionRevocations revocations, Clock clock) {
        this.bus = bus;
        this.revocations = revocations;
        this.db = db;
        this.users = users;
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.loginThrottle = new LoginThrottle(config, clock);
        this.registrations = new RateLimiter(config.registrationsPerAddressPerHour(),
                config.registrationsPerAddressPerHour(), Duration.ofHours(1), clock);
        this.refreshTtl = config.refreshTokenTtl();
        this.clock = clock;
    }

    public AuthSession register(String rawUsername, String rawEmail, String password, String rawDisplayName,
                                String clientAddress) {
        String username = UserRules.normalizeUsername(rawUsername);
        String email = UserRules.normalizeEmail(rawEmail);
        String displayName = UserRules.normalizeDisplayName(rawDisplayName);
        Validation v = new Validation();
        UserRules.checkUsername(v, username);
        UserRules.checkEmail(v, email);
        PasswordRules.check(v, password, username, email);
        UserRules.checkDisplayName(v, displayName);
        v.throwIfInvalid();
        registrations.acquire(clientAddress).ifPresent(wait -> {
            throw ParleyException.rateLimited("Too many accounts created from your address. Try again later.", wait);
        });
        refuseIfTaken(username, email);
        String hash = hasher.hash(password);
        String name = displayName.isEmpty() ? username : displayName;
        long now = clock.millis();
        var session = db.inTransaction(h -> users.create(h, username, email, name, hash, now)
                .map(user -> startSession(h, user, UUID.randomUUID().toString(), now)));
        if (session.isPresent()) return session.get();
        // someone took the username or the email since the check above: say which, as the check would have
        refuseIfTaken(username, email);
        throw new ParleyException(ErrorCode.CONFLICT, CANNOT_REGISTER);
    }

    /** A taken username is named; a taken email is not, so that the answer does not confirm it. */
    private void refuseIfTaken(String username, String email) {
        db.withHandle(h -> {
            ensureFree(users.usernameTaken(h, username), "username", "That username is taken.");
            if (users.emailTaken(h, email)) throw new ParleyException(ErrorCode.CONFLICT, CANNOT_REGISTER);
            return null;
        });
    }

    private static void ensureFree(boolean taken, String field, String message) {
        if (taken) throw new ParleyException(ErrorCode.CONFLICT, message, java.util.Map.of(field, message), null);
    }

    public AuthSession login(String rawLogin, String password, String clientAddress) {
        String login = rawLogin == null ? "" : rawLogin.strip().toLowerCase(java.util.Locale.ROOT);
        if (login.isEmpty() || password == null || password.isEmpty()) {
            throw ParleyException.invalid(java.util.Map.of("login", "Enter your username or email and password."));
        }
        if (login.length() > 254 || password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            throw new ParleyException(ErrorCode.UNAUTHORIZED, BAD_LOGIN);
        }
        var credentials = users.credentials(login);
        // username and email of one account share its throttle
        String account = credentials.map(c -> "user:" + c.user().id()).orElse("login:" + login);
        loginThrottle.checkAllowed(account, clientAddress);
        boolean ok = hasher.verify(password, credentials.map(c -> c.passwordHash()).orElse(null));
        if (!ok) {
            loginThrottle.recordFailure(account, clientAddress);
            throw new ParleyException(ErrorCode.UNAUTHORIZED, BAD_LOGIN);
        }
        loginThrottle.recordSuccess(account, clientAddress);
        User user = credentials.get().user();
        String rehashed = hasher.weakerThanCurrent(credentials.get().passwordHash()) ? hasher.hash(password) : null;
        return db.inTransaction(h -> {
            long now = clock.millis();
            if (rehashed != null) users.changePasswordHash(h, user.id(), rehashed, now);
            return startSession(h, user, UUID.randomUUID().toString(), now);
        });
    }

    /** Spends {@code token} and returns a session with the next one; a spent token revokes its family. */
    public AuthSession refresh(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            throw new ParleyException(ErrorCode.UNAUTHORIZED, BAD_REFRESH);
        }
        long now = clock.millis();
        RefreshOutcome outcome = db.inTransaction(h -> {
            var found = refreshTokens.findByHash(h, sha256(token));
            if (found.isEmpty()) return RefreshOutcome.rejected();
            RefreshToken rt = found.get();
            if (rt.revokedAt() != null || rt.expiresAt() <= now) return RefreshOutcome.rejected();
            if (rt.usedAt() != null || !refreshTokens.markUsed(h, rt.id(), now)) {
                refreshTokens.revokeFamily(h, rt.familyId(), now);
                return RefreshOutcome.revoked(new BusEvent.SessionRevoked(rt.userId(), rt.familyId()));
            }
            var user = users.find(rt.userId());
            if (user.isEmpty()) return RefreshOutcome.rejected();
            return new RefreshOutcome(startSession(h, user.get(), rt.familyId(), now), null);
        });
        if (outcome.revoked() != null) ended(List.of(outcome.revoked()));
        if (outcome.session() == null) throw new ParleyException(ErrorCode.UNAUTHORIZED, BAD_REFRESH);
        return outcome.session();
    }

    /** Ends the session the token belongs to. Unknown tokens are ignored: logging out twice is fine. */
    public void logout(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) return;
        long now = clock.millis();
        var revoked = db.inTransaction(h -> refreshTokens.findByHash(h, sha256(token)).map(rt -> {
            refreshTokens.revokeFamily(h, rt.familyId(), now);
            return new BusEvent.SessionRevoked(rt.userId(), rt.familyId());
        }));
        revoked.ifPresent(event -> ended(List.of(event)));
    }

    /** Ends every session of the caller's user, the caller's own included. */
    public void logoutAll(Principal caller) {
        ended(revokeSessionsOf(caller.userId(), null));
    }

    /**
     * Replaces the caller's password after checking the current one, and ends every other session
     * of the user; the caller's session stays signed in. Wrong current passwords count as failed
     * sign-ins of the account, so a stolen access token cannot be used to guess the password.
     */
    public void changePassword(Principal caller, String currentPassword, String newPassword, String clientAddress) {
        Validation v = new Validation();
        v.check(currentPassword != null && !currentPassword.isEmpty(), "currentPassword", "Enter your current password.");
        String login = caller.username();
        var account = users.credentials(login).filter(c -> c.user().id() == caller.userId());
        PasswordRules.check(v, "newPassword", newPassword, login, account.map(c -> c.user().email()).orElse(""));
        v.throwIfInvalid();
        loginThrottle.checkAllowed(login, clientAddress);
        var credentials = users.credentials(login).filter(c -> c.user().id() == caller.userId());
        boolean ok = currentPassword.getBytes(StandardCharsets.UTF_8).length <= PASSWORD_MAX_BYTES
                && hasher.verify(currentPassword, credentials.map(c -> c.passwordHash()).orElse(null));
        if (!ok) {
            loginThrottle.recordFailure(login, clientAddress);
            throw ParleyException.invalid("currentPassword", "That is not your current password.");
        }
        String hash = hasher.hash(newPassword);
        long now = clock.millis();
        ended(db.inTransaction(h -> {
            users.changePasswordHash(h, caller.userId(), hash, now);
            return revokeSessionsOf(h, caller.userId(), caller.sessionId(), now);
        }));
    }

    private List<BusEvent.SessionRevoked> revokeSessionsOf(long userId, String keep) {
        long now = clock.millis();
        return db.inTransaction(h -> revokeSessionsOf(h, userId, keep, now));
    }

    private List<BusEvent.SessionRevoked> revokeSessionsOf(org.jdbi.v3.core.Handle h, long userId, String keep, long now) {
        List<BusEvent.SessionRevoked> ended = new ArrayList<>();
        for (String family : refreshTokens.liveFamilies(h, userId)) {
            if (family.equals(keep)) continue;
            refreshTokens.revokeFamily(h, family, now);
            ended.add(new BusEvent.SessionRevoked(userId, family));
        }
        return ended;
    }

    /** After commit: the sessions' access tokens stop working here at once, and everywhere on delivery. */
    private void ended(List<BusEvent.SessionRevoked> sessions) {
        for (BusEvent.SessionRevoked session : sessions) {
            revocations.revoked(session.sessionId());
            bus.publish(session);
        }
    }

    private AuthSession startSession(org.jdbi.v3.core.Handle h, User user, String familyId, long now) {
        String refresh = newRefreshToken();
        refreshTokens.insert(h, familyId, user.id(), sha256(refresh), now, now + refreshTtl.toMillis());
        String access = accessTokens.issue(user.id(), user.username(), familyId);
        return new AuthSession(user, access, refresh, accessTokens.ttl().toSeconds());
    }


    private String newRefreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record RefreshOutcome(AuthSession session, BusEvent.SessionRevoked revoked) {
        static RefreshOutcome rejected() {
            return new RefreshOutcome(null, null);
        }

        static RefreshOutcome revoked(BusEvent.SessionRevoked event) {
            return new RefreshOutcome(null, event);
        }
    }
}

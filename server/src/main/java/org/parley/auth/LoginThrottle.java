package org.parley.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.parley.config.ParleyConfig;
import org.parley.errors.ParleyException;
import org.parley.limits.RateLimiter;

/**
 * Slows password guessing without letting a guesser lock the owner out.
 *
 * <p>An account is one key whichever login names it (username or email); a login that names no
 * account is keyed by the login string. Each failed sign-in spends a token of three buckets:
 * <ul>
 *   <li>the account as seen from this address ({@code login-max-failures} per window): when it is
 *       empty, this address may not sign in to this account, even with the right password;</li>
 *   <li>the address ({@code login-max-failures-per-address} per window), across all accounts;</li>
 *   <li>the account across all addresses (ten times {@code login-max-failures} per window): when
 *       it is empty, only addresses with no recent failure on this account may try, once each,
 *       so a guesser spread over many addresses gets one guess per address instead of several,
 *       while the owner signing in from an address that has not failed still gets in.</li>
 * </ul>
 * A successful sign-in refills the account's buckets for that address. In memory, per node.
 */
final class LoginThrottle {
    static final int ACCOUNT_WIDE_FACTOR = 10;

    private final RateLimiter perAccountAndAddress;
    private final RateLimiter perAddress;
    private final RateLimiter perAccount;
    /** Holds one token per account and address: empty while that address has a recent failure on it. */
    private final RateLimiter cleanRecord;

    LoginThrottle(ParleyConfig.Auth config, Clock clock) {
        Duration window = config.loginWindow();
        int max = config.loginMaxFailures();
        this.perAccountAndAddress = new RateLimiter(max, max, window, clock);
        this.perAddress = new RateLimiter(config.loginMaxFailuresPerAddress(), config.loginMaxFailuresPerAddress(),
                window, clock);
        this.perAccount = new RateLimiter(max * ACCOUNT_WIDE_FACTOR, max * ACCOUNT_WIDE_FACTOR, window, clock);
        this.cleanRecord = new RateLimiter(1, max, window, clock);
    }

    void checkAllowed(String account, String address) {
        String pair = account + "\n" + address;
        Optional<Duration> wait = perAccountAndAddress.check(pair).or(() -> perAddress.check(address))
                .or(() -> perAccount.check(account).flatMap(w -> cleanRecord.check(pair).map(c -> w)));
        if (wait.isPresent()) {
            throw ParleyException.rateLimited("Too many failed sign-ins. Try again later.", wait.get());
        }
    }

    void recordFailure(String account, String address) {
        String pair = account + "\n" + address;
        perAccountAndAddress.acquire(pair);
        perAddress.acquire(address);
        perAccount.acquire(account);
        cleanRecord.acquire(pair);
    }

    void recordSuccess(String account, String address) {
        String pair = account + "\n" + address;
        perAccountAndAddress.reset(pair);
        cleanRecord.reset(pair);
    }
}

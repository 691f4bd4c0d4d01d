package org.parley.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.parley.config.ParleyConfig;
import org.parley.errors.ParleyException;
import org.parley.limits.RateLimiter;

/**
 * Slows password guessing: each failed sign-in spends a token of the account's bucket and of the
 * client address's bucket; when either is empty, sign-ins for it are refused until it refills.
 * A successful sign-in refills the account's bucket.
 */
final class LoginThrottle {
    private final RateLimiter perAccount;
    private final RateLimiter perAddress;

    LoginThrottle(ParleyConfig.Auth config, Clock clock) {
        Duration window = config.loginWindow();
        this.perAccount = new RateLimiter(config.loginMaxFailures(), config.loginMaxFailures(), window, clock);
        this.perAddress = new RateLimiter(config.loginMaxFailuresPerAddress(), config.loginMaxFailuresPerAddress(),
                window, clock);
    }

    void checkAllowed(String login, String address) {
        Optional<Duration> wait = perAccount.check(login).or(() -> perAddress.check(address));
        if (wait.isPresent()) {
            throw ParleyException.rateLimited("Too many failed sign-ins. Try again later.", wait.get());
        }
    }

    void recordFailure(String login, String address) {
        perAccount.acquire(login);
        perAddress.acquire(address);
    }

    void recordSuccess(String login) {
        perAccount.reset(login);
    }
}

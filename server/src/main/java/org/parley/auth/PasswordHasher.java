package org.parley.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argon2id password hashing (m=19 MiB by default, t=2, p=1). At most {@code concurrency} hashes run
 * at once, each holding its memory, so a flood of sign-ins queues instead of exhausting memory; a
 * caller that waits too long is told the server is busy. Hashes run on a small pool of platform
 * threads, never on the request's virtual thread. A stored hash made with less memory than the
 * current setting is reported by {@link #weakerThanCurrent}, so sign-in can replace it.
 */
public final class PasswordHasher {
    /** The default memory, the smallest that OWASP recommends with two iterations. */
    public static final int DEFAULT_MEMORY_KIB = 19 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PasswordHasher.class);
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final long MAX_WAIT_SECONDS = 10;

    private final int memoryKib;
    private final Argon2Function argon2;
    private final Semaphore permits;
    /**
     * Hashes run on platform threads of their own: requests are served on virtual threads, and a
     * hash (CPU-bound for tens of milliseconds, never yielding) run there would hold a carrier
     * thread, so a burst of sign-ins would starve every other request, those holding database
     * connections included, until the pool ran dry.
     */
    private final ExecutorService hashing;
    /** Verified against when the account does not exist, so both paths cost the same. */
    private final String decoyHash;

    public PasswordHasher(int concurrency) {
        this(concurrency, DEFAULT_MEMORY_KIB);
    }

    public PasswordHasher(int concurrency, int memoryKib) {
        this.memoryKib = memoryKib;
        this.argon2 = Argon2Function.getInstance(memoryKib, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID,
                Argon2Function.ARGON2_VERSION_13);
        if (memoryKib < DEFAULT_MEMORY_KIB) {
            LOG.warn("Password hashes use {} KiB, below the {} KiB a deployment needs: this setting is for benchmarks only."
                    + " Accounts registered now are rehashed at their next sign-in after it is raised.", memoryKib, DEFAULT_MEMORY_KIB);
        }
        this.permits = new Semaphore(concurrency, true);
        this.hashing = Executors.newFixedThreadPool(concurrency,
                Thread.ofPlatform().name("parley-password-hash-", 0).daemon(true).factory());
        this.decoyHash = hash("decoy password that matches nothing");
    }

    public String hash(String password) {
        return guarded(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult());
    }

    /** Checks {@code password} against {@code storedHash}; with a null hash, spends the same time and fails. */
    public boolean verify(String password, String storedHash) {
        String hash = storedHash == null ? decoyHash : storedHash;
        boolean ok = guarded(() -> Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash)));
        return ok && storedHash != null;
    }

    /** Whether {@code storedHash} was made with less memory or fewer iterations than new hashes get. */
    public boolean weakerThanCurrent(String storedHash) {
        try {
            Argon2Function stored = Argon2Function.getInstanceFromHash(storedHash);
            return stored.getMemory() < memoryKib || stored.getIterations() < ITERATIONS;
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    private <T> T guarded(java.util.function.Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ErrorCode.UNAVAILABLE, "The server is shutting down.");
        }
        if (!acquired) throw new ParleyException(ErrorCode.UNAVAILABLE, "The server is busy; try again shortly.");
        try {
            return hashing.submit(work::get).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ErrorCode.UNAVAILABLE, "The server is shutting down.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            permits.release();
        }
    }
}

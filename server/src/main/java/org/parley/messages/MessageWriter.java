package org.parley.messages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.time.Clock;
import java.time.Duration;
import org.parley.bus.EventBus;
import org.parley.bus.JsonPayload;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.files.Attachments;
import org.parley.rooms.Memberships;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group-commit write path for new messages. Senders queue their message; one writer thread
 * takes everything waiting (up to {@value #MAX_BATCH}) and stores it in one transaction, so a
 * burst costs one commit, not one per message, and a handful of statements, not a few per
 * message ({@link MessageBatch}). While messages keep coming (the last batch held more than
 * one), the writer waits a millisecond before taking a batch, so that a commit carries more of
 * them. Each sender's future completes only after the commit, then the events go out: the new
 * messages, then the thread roots whose summaries the batch changed. A message
 * refused by the rules fails alone; an unexpected failure of a batch is retried message by message.
 * When the database cannot be reached, the batch and everything queued behind it fail at once
 * with {@code unavailable}, within the pool's connection wait, and their senders retry; a sender
 * whose commit has not come within {@link #SEND_DEADLINE} (a database that accepts and never
 * answers) is told the same, and the writer, once the database answers, carries on.
 */
final class MessageWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);
    static final int MAX_BATCH = 256;
    private static final int QUEUE_CAPACITY = 10_000;
    /** How long a busy writer lets a batch gather before committing it. */
    private static final long LINGER_NANOS = 1_000_000;
    /**
     * The longest a sender waits for its commit before it is told {@code unavailable}, whatever the
     * database does; far below what clients wait for an ack (15 s), far above a commit's time.
     */
    static final Duration SEND_DEADLINE = Duration.ofSeconds(5);

    private final Database db;
    private final MessageBatch batchWriter;
    private final EventBus bus;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean closed;

    MessageWriter(Database db, MessageStore messages, Memberships rooms, EventBus bus, Clock clock) {
        this.db = db;
        this.batchWriter = new MessageBatch(messages, rooms, new Attachments());
        this.bus = bus;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("parley-message-writer").daemon(true).start(this::run);
    }

    /**
     * Queues the send; the future completes after commit, or fails with {@code unavailable} when the
     * queue is full, the writer is closing, the database cannot be reached, or the send has waited
     * {@link #SEND_DEADLINE} (a database that hangs): the sender then retries, and a retry with the
     * same clientId stores the message at most once.
     */
    CompletableFuture<SendResult> submit(SendRequest request) {
        Pending p = new Pending(request, new CompletableFuture<>());
        if (closed) {
            p.future.completeExceptionally(new ParleyException(ErrorCode.UNAVAILABLE, "The server is shutting down."));
        } else if (!queue.offer(p)) {
            p.future.completeExceptionally(new ParleyException(ErrorCode.UNAVAILABLE, "The server is busy; try again."));
        }
        return p.future.orTimeout(SEND_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(e ->
                CompletableFuture.failedFuture(e instanceof TimeoutException ? new ParleyException(ErrorCode.UNAVAILABLE,
                        "The message could not be stored in time; try again.") : e));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean busy = false;
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (busy && batch.size() < MAX_BATCH) {
                    LockSupport.parkNanos(LINGER_NANOS);
                    queue.drainTo(batch, MAX_BATCH - batch.size());
                }
                busy = batch.size() > 1;
                writeBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (unreachable(e)) {
                    refuseAll(batch, (ParleyException) e);
                    continue;
                }
                log.error("Message batch failed; retrying one by one", e);
                for (int i = 0; i < batch.size(); i++) {
                    Pending p = batch.get(i);
                    try {
                        writeBatch(List.of(p));
                    } catch (RuntimeException single) {
                        if (unreachable(single)) {
                            refuseAll(batch.subList(i, batch.size()), (ParleyException) single);
                            break;
                        }
                        log.error("Message could not be stored", single);
                        p.future.completeExceptionally(new ParleyException(ErrorCode.UNAVAILABLE,
                                "The message could not be stored; try again."));
                    }
                }
            } finally {
                batch.clear();
            }
        }
    }

    /** The database could not be reached ({@link Database} says so with {@code unavailable}). */
    private static boolean unreachable(RuntimeException e) {
        return e instanceof ParleyException p && p.code() == ErrorCode.UNAVAILABLE;
    }

    /**
     * The database is out of reach: the batch's senders, and everyone queued behind them (who
     * would wait on the same database), are told at once, so that each can retry, rather than
     * each waiting for a connection in turn.
     */
    private void refuseAll(List<Pending> batch, ParleyException reason) {
        List<Pending> waiting = new ArrayList<>(batch);
        queue.drainTo(waiting);
        log.warn("The database is unreachable; {} message(s) refused as unavailable", waiting.size());
        for (Pending p : waiting) p.future.completeExceptionally(reason);
    }

    /** Writes these requests as one batch on the caller's thread, the way the writer thread writes its batches. */
    List<CompletableFuture<SendResult>> writeAsOneBatch(List<SendRequest> requests) {
        List<Pending> batch = requests.stream().map(r -> new Pending(r, new CompletableFuture<>())).toList();
        writeBatch(batch);
        return batch.stream().map(Pending::future).toList();
    }

    private void writeBatch(List<Pending> batch) {
        long now = clock.millis();
        List<SendRequest> requests = batch.stream().map(Pending::request).toList();
        MessageBatch.Written written = db.inTransaction(h -> batchWriter.write(h, requests, now));
        List<BatchOutcome> outcomes = written.outcomes();
        // A retry finds its message stored by an earlier attempt, whose node may have died between
        // commit and publish: it is announced again, so no member misses it (nodes deliver each seq once).
        // Each message is serialized once, for its event and for its sender's answer alike.
        Set<Long> published = new HashSet<>();
        Map<Long, JsonPayload> serialized = new HashMap<>();
        outcomes = new ArrayList<>(outcomes);
        for (int i = 0; i < batch.size(); i++) {
            if (!(outcomes.get(i) instanceof SendResult r)) continue;
            JsonPayload json = serialized.computeIfAbsent(r.message().id(), id -> JsonPayload.of(r.message()));
            outcomes.set(i, new SendResult(r.message(), r.duplicate(), json));
            if (!r.message().deleted() && published.add(r.message().id())) {
                bus.publish(MessageEvents.created(r.message(), json));
            }
        }
        for (Message root : written.changedRoots()) bus.publish(MessageEvents.changed(root));
        for (int i = 0; i < batch.size(); i++) {
            switch (outcomes.get(i)) {
                case SendResult r -> batch.get(i).future.complete(r);
                case BatchOutcome.Refused(ParleyException reason) -> batch.get(i).future.completeExceptionally(reason);
            }
        }
    }

    /** Stops taking messages and finishes those already queued. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(SendRequest request, CompletableFuture<SendResult> future) {}
}

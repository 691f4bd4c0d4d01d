package org.parley.bench.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconnect storm: N sockets over the chat rooms' members, one extra sender per room that stays
 * connected. The N connections are dropped at once; while they are gone each sender posts a few
 * messages (acknowledged after commit); then all N reconnect together and each sends
 * {@code sync} from the last seq it had seen. Reports the time until every socket is back and
 * synced, and checks that every sync returned exactly the messages it missed.
 */
final class ReconnectScenario {
    private final Bench bench;
    private final Report report;

    ReconnectScenario(Bench bench, Report report) {
        this.bench = bench;
        this.report = report;
    }

    boolean run() throws Exception {
        int conns = Integer.parseInt(bench.opts.getOrDefault("conns", "10000"));
        int perRoom = Integer.parseInt(bench.opts.getOrDefault("messages-per-room", "5"));
        bench.settle();
        List<Fixture.Room> rooms = bench.fixture.rooms("chat");
        List<SioClient> senders = new ArrayList<>();
        for (Fixture.Room r : rooms) senders.add(bench.client(1_000_000 + senders.size(), r.firstUser(), r.id()));
        List<SioClient> clients = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            Fixture.Room room = rooms.get(i % rooms.size());
            clients.add(bench.client(i, room.firstUser() + (i / rooms.size()) % room.size(), room.id()));
        }
        if (!bench.connectAll(senders, 100).isEmpty() || !bench.connectAll(clients, 200).isEmpty()) {
            throw new IllegalStateException("initial connections failed");
        }
        // warm up: one message per room so that every socket has a last seq
        sendAll(senders, 1, "w");
        Bench.sleep(3000);
        Map<Long, Long> roomSeqBefore = new HashMap<>();
        for (SioClient c : clients) roomSeqBefore.merge(c.roomId, c.lastSeq, Math::max);

        long dropAt = System.nanoTime();
        for (SioClient c : clients) c.abort();
        long acked = sendAll(senders, perRoom, "d");
        long expectedMissed = 0;
        List<SioClient> again = new ArrayList<>();
        for (SioClient c : clients) {
            SioClient n = bench.client(c.index, c.userIndex, c.roomId);
            n.lastSeq = c.lastSeq;
            again.add(n);
            expectedMissed += roomSeqBefore.get(c.roomId) + perRoom - c.lastSeq;
        }
        var window = bench.new Window();
        long t0 = System.nanoTime();
        AtomicLong got = new AtomicLong();
        AtomicLong missing = new AtomicLong();
        AtomicLong truncated = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        Map<Integer, Long> syncedAt = new ConcurrentHashMap<>();
        Latency backIn = new Latency();
        Semaphore gate = new Semaphore(Integer.parseInt(bench.opts.getOrDefault("parallel", "2000")));
        List<CompletableFuture<Void>> done = new ArrayList<>();
        SioClient[] live = again.toArray(SioClient[]::new);
        for (int i = 0; i < live.length; i++) {
            gate.acquire();
            CompletableFuture<Void> synced = new CompletableFuture<>();
            done.add(synced);
            int slot = i;
            reconnect(live[i], 0, retries, gate, synced, c -> {
                live[slot] = c;
                long cursor = c.lastSeq;
                c.emit("sync", "{\"rooms\":{\"" + c.roomId + "\":{\"seq\":" + cursor + "}}}", ack -> {
                    int count = Frames.count(ack, "\"seq\":");
                    long last = Frames.longField(ack, "lastSeq", 0);
                    got.addAndGet(count);
                    if (last - cursor != count) missing.addAndGet(Math.abs(last - cursor - count));
                    if (ack.contains("\"truncated\":true") || !Bench.ackOk(ack)) truncated.incrementAndGet();
                    long now = System.nanoTime();
                    syncedAt.put(c.index, now);
                    backIn.record(now - t0);
                    synced.complete(null);
                });
            });
        }
        boolean all = true;
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            all = false;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> w = window.close(Report.obj());
        again = java.util.Arrays.asList(live);
        long stillLive = again.stream().filter(SioClient::isConnected).count();
        long dup = again.stream().mapToLong(c -> c.duplicates).sum();
        report.put("connections", conns).put("rooms", rooms.size()).put("messagesSentWhileDown", acked)
                .put("secondsDownBeforeReconnect", (t0 - dropAt) / 1e9)
                .put("allBackAndSyncedSeconds", all ? secs : null).put("synced", syncedAt.size())
                .put("p50BackMs", backIn.quantileMillis(0.5)).put("p99BackMs", backIn.quantileMillis(0.99))
                .put("connectRetries", retries.get()).put("connectedAtEnd", stillLive)
                .put("missedMessagesExpected", expectedMissed).put("missedMessagesReturnedBySync", got.get())
                .put("lostMessages", missing.get() + Math.max(0, expectedMissed - got.get())).put("duplicateMessages", dup)
                .put("truncatedOrFailedSyncs", truncated.get()).put("server", w);
        System.err.printf("reconnect: %d back and synced in %.2f s, %d retries, missed %d returned %d, missing %d%n",
                syncedAt.size(), secs, retries.get(), expectedMissed, got.get(), missing.get());
        for (SioClient c : again) c.close();
        for (SioClient c : senders) c.close();
        Bench.sleep(2000);
        return all && missing.get() == 0 && got.get() == expectedMissed && truncated.get() == 0 && dup == 0
                && acked == (long) perRoom * rooms.size();
    }

    private void reconnect(SioClient c, int attempt, AtomicLong retries, Semaphore gate, CompletableFuture<Void> synced,
                           java.util.function.Consumer<SioClient> onConnected) {
        bench.connect(c).whenComplete((x, e) -> {
            if (e == null) {
                gate.release();
                onConnected.accept(c);
            } else if (attempt < 20) {
                retries.incrementAndGet();
                SioClient fresh = bench.client(c.index, c.userIndex, c.roomId);
                fresh.lastSeq = c.lastSeq;
                CompletableFuture.delayedExecutor(100L << Math.min(attempt, 4), TimeUnit.MILLISECONDS)
                        .execute(() -> reconnect(fresh, attempt + 1, retries, gate, synced, onConnected));
            } else {
                gate.release();
                synced.completeExceptionally(e);
            }
        });
    }

    private long sendAll(List<SioClient> senders, int perRoom, String prefix) throws Exception {
        AtomicLong ok = new AtomicLong();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < perRoom; i++) {
            for (SioClient s : senders) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                acks.add(f);
                s.emit("send_message", Bench.message(s.roomId, prefix + bench.tags.incrementAndGet(), -1), ack -> {
                    if (Bench.ackOk(ack)) ok.incrementAndGet();
                    f.complete(null);
                });
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return ok.get();
    }
}

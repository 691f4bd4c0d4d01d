package org.parley.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A lean Socket.IO v5 client over one Engine.IO v4 WebSocket (text frames only): answers pings,
 * connects to the main namespace with {token}, sends events with acks, hands incoming events to
 * a handler, and keeps per-room delivery bookkeeping (which seqs it received) for loss and
 * duplicate checks.
 */
final class SioClient implements WebSocket.Listener {
    /** Called on the socket's own callback thread for every {@code 42[...]} frame. */
    interface EventHandler {
        void onEvent(SioClient client, String frame);
    }

    final int index;
    final int userIndex;
    private final String token;
    private final EventHandler handler;
    private final CompletableFuture<SioClient> connected = new CompletableFuture<>();
    private final ConcurrentHashMap<Integer, Consumer<String>> acks = new ConcurrentHashMap<>();
    private final AtomicInteger ackIds = new AtomicInteger();
    private volatile WebSocket ws;
    private StringBuilder partial;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
    private volatile boolean closing;

    volatile int pings;
    volatile boolean lostUnexpectedly;
    volatile String closeReason;

    /** The node this socket connects to (several nodes); null: the generator's --url. */
    volatile URI node;

    /** Delivery bookkeeping, touched only on this socket's callback thread. */
    long roomId;
    final BitSet seqs = new BitSet();
    long received;
    long duplicates;
    long foreign;
    long lastSeq;

    SioClient(int index, int userIndex, String token, EventHandler handler) {
        this.index = index;
        this.userIndex = userIndex;
        this.token = token;
        this.handler = handler;
    }

    CompletableFuture<SioClient> connect(HttpClient http, URI uri, Duration timeout) {
        closing = false;
        http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, this).whenComplete((w, e) -> {
            if (e != null) connected.completeExceptionally(e);
        });
        return connected.orTimeout(timeout.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    boolean isConnected() {
        return connected.isDone() && !connected.isCompletedExceptionally() && !lostUnexpectedly && ws != null
                && !ws.isInputClosed();
    }

    /** Sends a Socket.IO event; {@code argsJson} is the comma-separated JSON arguments. */
    void emit(String event, String argsJson, Consumer<String> onAck) {
        StringBuilder sb = new StringBuilder(32 + argsJson.length()).append("42");
        if (onAck != null) {
            int id = ackIds.incrementAndGet();
            acks.put(id, onAck);
            sb.append(id);
        }
        sb.append("[\"").append(event).append('"');
        if (!argsJson.isEmpty()) sb.append(',').append(argsJson);
        sb.append(']');
        send(sb.toString());
    }

    private synchronized void send(String text) {
        WebSocket w = ws;
        if (w == null) return;
        sendChain = sendChain.handle((x, e) -> null).thenCompose(x -> w.sendText(text, true));
    }

    /** Closes cleanly (expected by the caller). */
    void close() {
        closing = true;
        WebSocket w = ws;
        if (w != null) w.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((x, e) -> w.abort());
    }

    /** Drops the connection at once, as a network failure would. */
    void abort() {
        closing = true;
        WebSocket w = ws;
        if (w != null) w.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.ws = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last || partial != null) {
            if (partial == null) partial = new StringBuilder();
            partial.append(data);
            if (last) {
                String whole = partial.toString();
                partial = null;
                handle(whole);
            }
        } else {
            handle(data.toString());
        }
        webSocket.request(1);
        return null;
    }

    private void handle(String f) {
        if (f.isEmpty()) return;
        switch (f.charAt(0)) {
            case '0' -> send("40{\"token\":\"" + token + "\"}");
            case '2' -> {
                pings++;
                send("3");
            }
            case '4' -> handleSocketIo(f);
            case '1' -> closeReason = "engine close";
            default -> { }
        }
    }

    private void handleSocketIo(String f) {
        if (f.length() < 2) return;
        switch (f.charAt(1)) {
            case '0' -> connected.complete(this);
            case '4' -> connected.completeExceptionally(new IllegalStateException("connect refused: " + f));
            case '2' -> handler.onEvent(this, f);
            case '3' -> {
                int i = 2;
                int id = 0;
                while (i < f.length() && Character.isDigit(f.charAt(i))) id = id * 10 + (f.charAt(i++) - '0');
                Consumer<String> cb = acks.remove(id);
                if (cb != null) cb.accept(f.substring(i));
            }
            case '1' -> closeReason = "namespace disconnect";
            default -> { }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!closing) {
            lostUnexpectedly = true;
            closeReason = "closed " + statusCode + " " + reason;
        }
        connected.completeExceptionally(new IllegalStateException("closed " + statusCode));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!closing) {
            lostUnexpectedly = true;
            closeReason = "error " + error;
        }
        connected.completeExceptionally(error);
    }

    /** Records one receive_message delivery; returns false for a duplicate. */
    boolean record(long room, long seq) {
        if (room != roomId) {
            foreign++;
            return true;
        }
        received++;
        if (seq > lastSeq) lastSeq = seq;
        if (seq >= Integer.MAX_VALUE || seqs.get((int) seq)) {
            duplicates++;
            return false;
        }
        seqs.set((int) seq);
        return true;
    }
}

package org.parley.testkit;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.json.JSONArray;
import org.json.JSONObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Socket.IO client (the Java client) signed in as one user, recording every event it
 * receives so tests can wait for one, or assert that none came.
 */
public final class ChatSocket implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Socket socket;
    private final Map<String, BlockingQueue<List<JsonNode>>> received = new ConcurrentHashMap<>();
    private final CompletableFuture<String> outcome = new CompletableFuture<>();
    /** Completes when the first presence snapshot arrives: the server sends it once the socket is in its rooms. */
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();

    private ChatSocket(Socket socket) {
        this.socket = socket;
        socket.onAnyIncoming(args -> {
            if (args.length > 0 && args[0] instanceof String name) {
                List<JsonNode> rest = new ArrayList<>();
                for (int i = 1; i < args.length; i++) rest.add(toNode(args[i]));
                queue(name).add(rest);
                if (name.equals("presence_snapshot")) subscribed.complete(null);
            }
        });
        socket.on(Socket.EVENT_CONNECT, a -> outcome.complete("connected"));
        socket.on(Socket.EVENT_CONNECT_ERROR, a -> outcome.complete("error: " + (a.length > 0 && a[0] instanceof JSONObject j
                ? j.optString("message") : String.valueOf(a.length > 0 ? a[0] : ""))));
        socket.on(Socket.EVENT_DISCONNECT, a -> queue("disconnect").add(List.of()));
    }

    /**
     * Connects over WebSocket with the access token and waits until the socket is in its rooms
     * (the server answers CONNECT first and joins the rooms right after, then sends the presence
     * snapshot); fails when the server refuses.
     */
    public static ChatSocket connect(String baseUrl, String token) {
        return connect(baseUrl, token, null);
    }

    /** Tries to connect; returns "connected" or "error: <message>". */
    public static String attempt(String baseUrl, String token) {
        try (ChatSocket s = open(baseUrl, token)) {
            return s.outcome.completeOnTimeout("timeout", WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        }
    }

    /** As {@link #connect(String, String)}, through the given HTTP client (a proxy's TLS, for example), or the default one (null). */
    public static ChatSocket connect(String baseUrl, String token, okhttp3.OkHttpClient http) {
        ChatSocket s = open(baseUrl, token, http);
        String result = s.outcome.join();
        if (!result.equals("connected")) throw new IllegalStateException("socket refused: " + result);
        s.subscribed.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        return s;
    }

    /**
     * Connects over WebSocket and returns as soon as the server answered CONNECT, without waiting
     * for anything sent after it (as a client that counts itself connected at that moment).
     */
    public static ChatSocket connectAnswered(String baseUrl, String token) {
        ChatSocket s = open(baseUrl, token, null);
        String result = s.outcome.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        if (!result.equals("connected")) throw new IllegalStateException("socket refused: " + result);
        return s;
    }

    private static ChatSocket open(String baseUrl, String token) {
        return open(baseUrl, token, null);
    }

    private static ChatSocket open(String baseUrl, String token, okhttp3.OkHttpClient http) {
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(new String[] {"websocket"})
                .setAuth(token == null ? Map.of() : Map.of("token", token))
                .build();
        if (http != null) {
            options.callFactory = http;
            options.webSocketFactory = http;
        }
        ChatSocket s = new ChatSocket(IO.socket(URI.create(baseUrl), options));
        s.socket.connect();
        return s;
    }

    private BlockingQueue<List<JsonNode>> queue(String name) {
        return received.computeIfAbsent(name, n -> new LinkedBlockingQueue<>());
    }

    /**
     * Emits an event (maps, lists, strings and numbers as arguments) and waits for its ack's
     * first argument: {@code {ok: ...}} or {@code {error: {...}}}.
     */
    public JsonNode call(String event, Object... args) {
        Object[] wire = new Object[args.length];
        for (int i = 0; i < args.length; i++) wire[i] = toWire(args[i]);
        CompletableFuture<Object> ack = new CompletableFuture<>();
        socket.emit(event, wire, reply -> ack.complete(reply.length > 0 ? reply[0] : null));
        Object reply = ack.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        JsonNode node = toNode(reply);
        if (!node.isObject()) throw new AssertionError(event + " acked with " + reply);
        return node;
    }

    /** The next {@code event} whose arguments match; fails after {@link #WAIT}. */
    public List<JsonNode> await(String event, Predicate<List<JsonNode>> matches) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        BlockingQueue<List<JsonNode>> q = queue(event);
        while (true) {
            long left = deadline - System.nanoTime();
            List<JsonNode> args;
            try {
                args = left <= 0 ? null : q.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (args == null) throw new AssertionError("no matching '" + event + "' within " + WAIT);
            if (matches.test(args)) return args;
        }
    }

    /** The next {@code event} whose first argument matches. */
    public JsonNode awaitFirst(String event, Predicate<JsonNode> matches) {
        return await(event, a -> !a.isEmpty() && matches.test(a.getFirst())).getFirst();
    }

    /** The first arguments of everything received so far for {@code event}, without waiting. */
    public List<JsonNode> drain(String event) {
        List<List<JsonNode>> out = new ArrayList<>();
        queue(event).drainTo(out);
        return out.stream().map(a -> a.isEmpty() ? JSON.missingNode() : a.getFirst()).toList();
    }

    /** Every event name received so far (consuming nothing). */
    public List<String> eventNames() {
        return received.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    private static Object toWire(Object value) {
        if (value instanceof Map<?, ?> map) {
            JSONObject o = new JSONObject();
            map.forEach((k, v) -> {
                try {
                    o.put(String.valueOf(k), toWire(v));
                } catch (org.json.JSONException e) {
                    throw new IllegalArgumentException(e);
                }
            });
            return o;
        }
        if (value instanceof java.util.Collection<?> list) {
            JSONArray a = new JSONArray();
            list.forEach(v -> a.put(toWire(v)));
            return a;
        }
        return value;
    }

    private static JsonNode toNode(Object value) {
        if (value == null) return JSON.nullNode();
        if (value instanceof JSONObject || value instanceof JSONArray) return JSON.readTree(value.toString());
        return JSON.valueToTree(value);
    }

    /** The socket's id on the server: its device id in calls. */
    public String id() {
        return socket.id();
    }

    public boolean connected() {
        return socket.connected();
    }

    @Override
    public void close() {
        socket.close();
    }
}

package org.parley.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The accounts and rooms a benchmark run uses, registered once per server through its REST API
 * and kept in a small text file: {@code user <index> <id> <token>} and
 * {@code room <kind> <id> <first user index> <member count>}. By default every socket of a
 * scenario is its own account (one person per socket), as in real use: chat rooms hold as many
 * accounts as they have sockets, the ladder room and the large room their own accounts (up to
 * the room member limit), and accounts without rooms serve idle sockets.
 */
final class Fixture {
    record User(int index, long id, String token) {}

    record Room(String kind, long id, int firstUser, int size) {}

    final List<User> users = new ArrayList<>();
    final List<Room> rooms = new ArrayList<>();
    double registrationSeconds;

    List<Room> rooms(String kind) {
        return rooms.stream().filter(r -> r.kind.equals(kind)).toList();
    }

    static Fixture load(Path file) throws IOException {
        Fixture f = new Fixture();
        for (String line : Files.readAllLines(file)) {
            String[] p = line.split(" ");
            if (p[0].equals("user")) f.users.add(new User(Integer.parseInt(p[1]), Long.parseLong(p[2]), p[3]));
            if (p[0].equals("registered")) f.registrationSeconds = Double.parseDouble(p[1]);
            if (p[0].equals("room")) {
                f.rooms.add(new Room(p[1], Long.parseLong(p[2]), Integer.parseInt(p[3]), Integer.parseInt(p[4])));
            }
        }
        return f;
    }

    void save(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (User u : users) sb.append("user ").append(u.index).append(' ').append(u.id).append(' ').append(u.token).append('\n');
        for (Room r : rooms) {
            sb.append("room ").append(r.kind).append(' ').append(r.id).append(' ').append(r.firstUser).append(' ')
                    .append(r.size).append('\n');
        }
        sb.append("registered ").append(registrationSeconds).append('\n');
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, sb.toString());
    }

    /**
     * Registers chatRooms*usersPerRoom + ladderUsers + largeRoomUsers + plainUsers accounts
     * ({@code concurrency} registrations in flight; the server bounds the hashing) and creates the rooms.
     */
    static Fixture create(String baseUrl, int chatRooms, int usersPerRoom, int ladderUsers, int largeRoomUsers, int plainUsers,
            int concurrency) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        String prefix = "b" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        int total = chatRooms * usersPerRoom + ladderUsers + largeRoomUsers + plainUsers;
        Fixture f = new Fixture();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<User>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                int idx = i;
                futures.add(pool.submit(() -> register(http, baseUrl, prefix, idx)));
            }
            for (Future<User> fu : futures) f.users.add(fu.get());
        }
        double regSeconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf("registered %d users in %.1f s (%.0f/s, %d in flight)%n", total, regSeconds, total / regSeconds, concurrency);
        for (int r = 0; r < chatRooms; r++) {
            f.rooms.add(new Room("chat", createRoom(http, baseUrl, f, r * usersPerRoom, usersPerRoom, "chat-" + r), r * usersPerRoom,
                    usersPerRoom));
        }
        int next = chatRooms * usersPerRoom;
        if (ladderUsers > 0) {
            f.rooms.add(new Room("ladder", createRoom(http, baseUrl, f, next, ladderUsers, "ladder"), next, ladderUsers));
        }
        next += ladderUsers;
        if (largeRoomUsers > 0) {
            f.rooms.add(new Room("large", createRoom(http, baseUrl, f, next, largeRoomUsers, "large"), next, largeRoomUsers));
        }
        f.registrationSeconds = regSeconds;
        return f;
    }

    private static User register(HttpClient http, String baseUrl, String prefix, int idx) throws Exception {
        String name = prefix + "_" + idx;
        String body = "{\"username\":\"" + name + "\",\"email\":\"" + name + "@bench.test\",\"password\":\"bench-password-" + idx + "\"}";
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/auth/register"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 201 || res.statusCode() == 200) {
                String s = res.body();
                long id = Frames.longField(s, "id", s.indexOf("\"user\""));
                return new User(idx, id, Frames.stringField(s, "accessToken", 0));
            }
            if (attempt > 20 || res.statusCode() < 500 && res.statusCode() != 429) {
                throw new IllegalStateException("register " + name + ": " + res.statusCode() + " " + res.body());
            }
            Thread.sleep(200);
        }
    }

    private static long createRoom(HttpClient http, String baseUrl, Fixture f, int first, int size, String name) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (int i = first + 1; i < first + size; i++) ids.append(ids.isEmpty() ? "" : ",").append(f.users.get(i).id);
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/rooms"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + f.users.get(first).token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"memberIds\":[" + ids + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 201) throw new IllegalStateException("create room: " + res.statusCode() + " " + res.body());
        return Frames.longField(res.body(), "id", 0);
    }
}

package org.parley.bench.search;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.parley.storage.Database;
import org.parley.storage.Dialect;

/**
 * Fills a freshly migrated database with users, group rooms, memberships and messages, in
 * batches over one connection. Room activity and membership follow a Zipf law (a few busy
 * rooms everyone is in, a long tail of small ones); each message is sent by a member of its
 * room, in time order over the past year. On PostgreSQL the search indexes are dropped for the
 * load and rebuilt from their own definitions afterwards, as one would for a bulk import; on
 * SQLite the triggers index every message as it is inserted.
 */
final class BenchDataLoader {
    /** What was loaded: user ids and names, and who is in which room (room and user indexes from 0). */
    record Dataset(long[] userIds, String[] usernames, long[] roomIds, int[][] roomsOfUser, int[][] membersOfRoom,
                   long firstAt, long lastAt) {}

    private static final int BATCH = 2_000;
    private static final int COMMIT_EVERY = 50_000;

    private BenchDataLoader() {}

    static Dataset load(Database db, ChatCorpus corpus, int users, int rooms, int messages, long seed, PrintStream log) {
        return db.withHandle(h -> {
            Connection c = h.getConnection();
            try {
                return load(c, db.dialect(), corpus, users, rooms, messages, new SplittableRandom(seed), log);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Dataset load(Connection c, Dialect dialect, ChatCorpus corpus, int users, int rooms, int messages,
                                SplittableRandom random, PrintStream log) throws SQLException {
        long now = System.currentTimeMillis();
        long firstAt = now - TimeUnit.DAYS.toMillis(365);
        c.setAutoCommit(false);
        if (dialect == Dialect.POSTGRES) {
            try (Statement s = c.createStatement()) {
                s.execute("SET synchronous_commit = off");
            }
        }
        long[] userIds = insertUsers(c, users, now);
        String[] usernames = new String[users];
        for (int u = 0; u < users; u++) usernames[u] = username(u);
        long[] roomIds = insertRooms(c, rooms, userIds[0], firstAt);
        double[] popularity = ChatCorpus.zipf(rooms, 0.9);
        int[][] roomsOfUser = new int[users][];
        List<List<Integer>> members = new ArrayList<>();
        for (int r = 0; r < rooms; r++) members.add(new ArrayList<>());
        for (int u = 0; u < users; u++) {
            Set<Integer> mine = new LinkedHashSet<>();
            int wanted = 8 + random.nextInt(33);
            while (mine.size() < wanted) mine.add(sample(popularity, random));
            roomsOfUser[u] = mine.stream().mapToInt(Integer::intValue).toArray();
            for (int r : mine) members.get(r).add(u);
        }
        for (int r = 0; r < rooms; r++) {
            while (members.get(r).size() < 2) {
                int u = random.nextInt(users);
                if (members.get(r).contains(u)) continue;
                members.get(r).add(u);
                roomsOfUser[u] = Arrays.copyOf(roomsOfUser[u], roomsOfUser[u].length + 1);
                roomsOfUser[u][roomsOfUser[u].length - 1] = r;
            }
        }
        int[][] membersOfRoom = members.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        insertMembers(c, roomIds, userIds, membersOfRoom, firstAt);
        c.commit();

        Map<String, String> searchIndexes = dialect == Dialect.POSTGRES ? dropSearchIndexes(c) : Map.of();
        long[] seq = insertMessages(c, corpus, roomIds, userIds, membersOfRoom, popularity, messages, firstAt, now, random, log);
        try (PreparedStatement p = c.prepareStatement("UPDATE rooms SET last_seq = ?, last_rev = ?, last_message_at = ? WHERE id = ?")) {
            for (int r = 0; r < rooms; r++) {
                p.setLong(1, seq[r]);
                p.setLong(2, seq[r]);
                p.setLong(3, now);
                p.setLong(4, roomIds[r]);
                p.addBatch();
            }
            p.executeBatch();
        }
        c.commit();
        long t = System.nanoTime();
        try (Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRES) {
                s.execute("SET maintenance_work_mem = '1GB'");
                for (var e : searchIndexes.entrySet()) {
                    s.execute(e.getValue());
                    log.printf("  built %s in %.0f s%n", e.getKey(), (System.nanoTime() - t) / 1e9);
                }
                c.commit();
                c.setAutoCommit(true);
                s.execute("VACUUM ANALYZE");
            } else {
                c.commit();
                c.setAutoCommit(true);
                s.execute("ANALYZE");
            }
        }
        return new Dataset(userIds, usernames, roomIds, roomsOfUser, membersOfRoom, firstAt, now);
    }

    /** The dataset of a database loaded by an earlier run, read back from its tables. */
    static Dataset readBack(Database db) {
        return db.withHandle(h -> {
            long[] userIds = h.createQuery("SELECT id FROM users ORDER BY id").mapTo(Long.class).stream()
                    .mapToLong(Long::longValue).toArray();
            String[] usernames = h.createQuery("SELECT username FROM users ORDER BY id").mapTo(String.class).list()
                    .toArray(String[]::new);
            long[] roomIds = h.createQuery("SELECT id FROM rooms ORDER BY id").mapTo(Long.class).stream()
                    .mapToLong(Long::longValue).toArray();
            Map<Long, Integer> userIndex = new java.util.HashMap<>();
            for (int u = 0; u < userIds.length; u++) userIndex.put(userIds[u], u);
            Map<Long, Integer> roomIndex = new java.util.HashMap<>();
            for (int r = 0; r < roomIds.length; r++) roomIndex.put(roomIds[r], r);
            List<List<Integer>> roomsOf = new ArrayList<>();
            List<List<Integer>> membersOf = new ArrayList<>();
            for (int u = 0; u < userIds.length; u++) roomsOf.add(new ArrayList<>());
            for (int r = 0; r < roomIds.length; r++) membersOf.add(new ArrayList<>());
            h.createQuery("SELECT room_id, user_id FROM room_members ORDER BY room_id, joined_at, user_id")
                    .map((rs, ctx) -> {
                        int r = roomIndex.get(rs.getLong(1)), u = userIndex.get(rs.getLong(2));
                        roomsOf.get(u).add(r);
                        membersOf.get(r).add(u);
                        return null;
                    }).list();
            long[] range = h.createQuery("SELECT MIN(created_at), MAX(created_at) FROM messages")
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
            return new Dataset(userIds, usernames, roomIds, toArrays(roomsOf), toArrays(membersOf), range[0], range[1]);
        });
    }

    private static int[][] toArrays(List<List<Integer>> lists) {
        return lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    static String username(int u) {
        return "user%03d".formatted(u + 1);
    }

    private static long[] insertUsers(Connection c, int users, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO users (username, email, display_name, password_hash, created_at, updated_at)
                VALUES (?, ?, ?, 'not-a-hash', ?, ?)""")) {
            for (int u = 0; u < users; u++) {
                p.setString(1, username(u));
                p.setString(2, username(u) + "@example.com");
                p.setString(3, "User " + (u + 1));
                p.setLong(4, now);
                p.setLong(5, now);
                p.addBatch();
            }
            p.executeBatch();
        }
        return ids(c, "SELECT id FROM users ORDER BY id", users);
    }

    private static long[] insertRooms(Connection c, int rooms, long owner, long at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO rooms (kind, name, created_by, created_at, updated_at) VALUES ('group', ?, ?, ?, ?)")) {
            for (int r = 0; r < rooms; r++) {
                p.setString(1, "room-%04d".formatted(r + 1));
                p.setLong(2, owner);
                p.setLong(3, at);
                p.setLong(4, at);
                p.addBatch();
            }
            p.executeBatch();
        }
        return ids(c, "SELECT id FROM rooms ORDER BY id", rooms);
    }

    private static void insertMembers(Connection c, long[] roomIds, long[] userIds, int[][] membersOfRoom, long at)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO room_members (room_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)")) {
            for (int r = 0; r < roomIds.length; r++) {
                for (int i = 0; i < membersOfRoom[r].length; i++) {
                    p.setLong(1, roomIds[r]);
                    p.setLong(2, userIds[membersOfRoom[r][i]]);
                    p.setString(3, i == 0 ? "owner" : "member");
                    p.setLong(4, at);
                    p.addBatch();
                }
            }
            p.executeBatch();
        }
    }

    private static long[] insertMessages(Connection c, ChatCorpus corpus, long[] roomIds, long[] userIds,
                                         int[][] membersOfRoom, double[] popularity, int messages, long firstAt,
                                         long lastAt, SplittableRandom random, PrintStream log) throws SQLException {
        long[] seq = new long[roomIds.length];
        long started = System.nanoTime();
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO messages (room_id, seq, rev, sender_id, kind, content, created_at)
                VALUES (?, ?, ?, ?, 'text', ?, ?)""")) {
            for (int i = 0; i < messages; i++) {
                int r = sample(popularity, random);
                int[] members = membersOfRoom[r];
                seq[r]++;
                p.setLong(1, roomIds[r]);
                p.setLong(2, seq[r]);
                p.setLong(3, seq[r]);
                p.setLong(4, userIds[members[random.nextInt(members.length)]]);
                p.setString(5, corpus.message());
                p.setLong(6, firstAt + (lastAt - firstAt) * i / messages);
                p.addBatch();
                if ((i + 1) % BATCH == 0) p.executeBatch();
                if ((i + 1) % COMMIT_EVERY == 0) c.commit();
                if ((i + 1) % 100_000 == 0) {
                    log.printf("  %,d messages (%.0f s)%n", i + 1, (System.nanoTime() - started) / 1e9);
                }
            }
            p.executeBatch();
        }
        c.commit();
        return seq;
    }

    private static Map<String, String> dropSearchIndexes(Connection c) throws SQLException {
        Map<String, String> definitions = new java.util.LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes "
                     + "WHERE tablename = 'messages' AND indexname LIKE 'messages\\_search\\_%' ORDER BY indexname")) {
            while (rs.next()) definitions.put(rs.getString(1), rs.getString(2));
        }
        try (Statement s = c.createStatement()) {
            for (String name : definitions.keySet()) s.execute("DROP INDEX " + name);
        }
        c.commit();
        return definitions;
    }

    private static long[] ids(Connection c, String sql, int expected) throws SQLException {
        long[] ids = new long[expected];
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            for (int i = 0; rs.next(); i++) ids[i] = rs.getLong(1);
        }
        return ids;
    }

    static int sample(double[] cumulative, SplittableRandom random) {
        int k = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(k < 0 ? -k - 1 : k, cumulative.length - 1);
    }
}

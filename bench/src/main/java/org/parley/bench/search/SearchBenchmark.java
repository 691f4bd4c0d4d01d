package org.parley.bench.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.parley.auth.Principal;
import org.parley.config.ParleyConfig;
import org.parley.messages.MessageReader;
import org.parley.search.SearchPage;
import org.parley.search.SearchService;
import org.parley.storage.Database;

/**
 * Loads a chat history into a fresh SQLite file and a fresh PostgreSQL database (through Parley's
 * own migrations), then times the first page of typical searches through {@link SearchService},
 * as the REST endpoint runs them, for users who are in a typical number of rooms.
 * Run by hand: {@code bench/run-search.sh --help}.
 */
public final class SearchBenchmark {
    private SearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        if (o.containsKey("help")) {
            System.out.println("""
                    Options (defaults in brackets):
                      --db sqlite|postgres|both  [both]
                      --messages N               [1000000]
                      --rooms N                  [1000]
                      --users N                  [500]
                      --runs N                   timed searches per shape [50]
                      --sqlite-file PATH         [/tmp/parley-bench/search.db]
                      --postgres-url URL         server to create the bench database on
                                                 [jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres]
                      --keep                     keep the PostgreSQL database afterwards
                      --reuse                    search the data a --keep run left (no loading)""");
            return;
        }
        int messages = Integer.parseInt(o.getOrDefault("messages", "1000000"));
        int rooms = Integer.parseInt(o.getOrDefault("rooms", "1000"));
        int users = Integer.parseInt(o.getOrDefault("users", "500"));
        int runs = Integer.parseInt(o.getOrDefault("runs", "50"));
        String which = o.getOrDefault("db", "both");
        boolean reuse = o.containsKey("reuse");
        System.out.printf("Search benchmark: %,d messages, %,d rooms, %,d users; %d runs per shape; %d cores, JDK %s%n",
                messages, rooms, users, runs, Runtime.getRuntime().availableProcessors(), Runtime.version());
        if (!which.equals("postgres")) {
            Path file = Path.of(o.getOrDefault("sqlite-file", "/tmp/parley-bench/search.db"));
            if (!reuse) for (String suffix : new String[] {"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(file + suffix));
            run("SQLite", "jdbc:sqlite:" + file, messages, rooms, users, runs, reuse);
        }
        if (!which.equals("sqlite")) {
            String admin = o.getOrDefault("postgres-url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
            String name = "parley_bench_search";
            if (!reuse) {
                try (Connection c = DriverManager.getConnection(admin)) {
                    c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    c.createStatement().execute("CREATE DATABASE " + name);
                }
            }
            try {
                run("PostgreSQL", admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"), messages, rooms, users, runs, reuse);
            } finally {
                if (!o.containsKey("keep")) {
                    try (Connection c = DriverManager.getConnection(admin)) {
                        c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    }
                }
            }
        }
    }

    private static void run(String label, String url, int messages, int rooms, int users, int runs, boolean reuse) {
        System.out.printf("%n## %s%n%n", label);
        try (Database db = Database.open(new ParleyConfig.Database(url, "", "", 4))) {
            String version = db.withHandle(h -> h.createQuery(label.equals("SQLite") ? "SELECT sqlite_version()"
                    : "SHOW server_version").mapTo(String.class).one());
            ChatCorpus corpus = new ChatCorpus(7, 30_000);
            BenchDataLoader.Dataset data;
            if (reuse) {
                System.out.printf("%s %s, data of an earlier run.%n%n", label, version);
                data = BenchDataLoader.readBack(db);
            } else {
                System.out.printf("%s %s. Loading...%n", label, version);
                long t = System.nanoTime();
                data = BenchDataLoader.load(db, corpus, users, rooms, messages, 11, System.out);
                System.out.printf("Loaded and indexed in %.0f s.%n%n", (System.nanoTime() - t) / 1e9);
            }
            IndexSizes.of(db).forEach((k, v) -> System.out.printf("- %s: %,.0f MB%n", k, v / 1e6));

            int[] searchers = typicalSearchers(data, 5);
            System.out.printf("%nSearchers: %s, in %s rooms, seeing %s of all messages%n",
                    Arrays.stream(searchers).mapToObj(u -> data.usernames()[u]).toList(),
                    Arrays.stream(searchers).mapToObj(u -> Integer.toString(data.roomsOfUser()[u].length)).toList(),
                    visibleShare(db, data, searchers));
            SearchService search = new SearchService(db, new MessageReader(db.dialect()));
            System.out.printf("%n| query | example | p50 ms | p95 ms | max ms | hits on page (mean) |%n|---|---|---|---|---|---|%n");
            SplittableRandom random = new SplittableRandom(3);
            for (QueryShapes.Shape shape : QueryShapes.all(corpus, data)) {
                List<Double> times = new ArrayList<>();
                long hits = 0;
                for (int i = -10; i < runs; i++) {
                    int u = searchers[Math.floorMod(i, searchers.length)];
                    Principal who = new Principal(data.userIds()[u], data.usernames()[u], "bench");
                    String q = shape.query().apply(u, random);
                    long start = System.nanoTime();
                    SearchPage page = search.search(who, q, 20, null);
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (i >= 0) {
                        times.add(ms);
                        hits += page.hits().size();
                    }
                }
                times.sort(null);
                System.out.printf("| %s | `%s` | %.1f | %.1f | %.1f | %.1f |%n", shape.name(), shape.example(),
                        percentile(times, 50), percentile(times, 95), times.getLast(), hits / (double) runs);
            }
        }
    }

    /** Users whose number of rooms is closest to the median. */
    private static int[] typicalSearchers(BenchDataLoader.Dataset data, int n) {
        int[] counts = Arrays.stream(data.roomsOfUser()).mapToInt(r -> r.length).sorted().toArray();
        int median = counts[counts.length / 2];
        return java.util.stream.IntStream.range(0, data.roomsOfUser().length).boxed()
                .sorted(java.util.Comparator.comparingInt((Integer u) -> Math.abs(data.roomsOfUser()[u].length - median)))
                .limit(n).mapToInt(Integer::intValue).toArray();
    }

    private static String visibleShare(Database db, BenchDataLoader.Dataset data, int[] searchers) {
        Map<Long, Long> perRoom = new HashMap<>();
        db.withHandle(h -> h.createQuery("SELECT id, last_seq FROM rooms").map((rs, ctx) ->
                perRoom.put(rs.getLong(1), rs.getLong(2))).list());
        long total = perRoom.values().stream().mapToLong(Long::longValue).sum();
        return Arrays.stream(searchers).mapToObj(u -> {
            long seen = Arrays.stream(data.roomsOfUser()[u]).mapToLong(r -> perRoom.get(data.roomIds()[r])).sum();
            return "%.0f%%".formatted(100.0 * seen / total);
        }).toList().toString();
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("Unexpected argument " + a + "; see --help");
            String key = a.substring(2);
            if (key.equals("keep") || key.equals("help") || key.equals("reuse")) o.put(key, "");
            else if (i + 1 < args.length) o.put(key, args[++i]);
            else throw new IllegalArgumentException("Missing value for " + a);
        }
        return o;
    }
}

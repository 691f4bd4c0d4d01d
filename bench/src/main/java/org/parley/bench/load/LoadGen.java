package org.parley.bench.load;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Load generator for Parley and the reference Node.js server. Usage:
 * <pre>
 *   LoadGen setup     --url U --state F [--for SCENARIO] [--sockets-per-account 1] [--chat-rooms 50 --users-per-room N
 *                     --ladder-users N --large-room-users N --plain-users N --concurrency 16]
 *   LoadGen idle      --url U --state F --server-pid P --out R.json [--conns 19500 --procs 2 --hold 60]
 *   LoadGen ladder    --url U --state F --server-pid P --out R.json [--step 1000 --max 19000 --broadcasts 20]
 *   LoadGen chatmix   --url U --state F --server-pid P --out R.json [--rates 200,400,... --step-seconds 15 --room-sockets 20]
 *   LoadGen reconnect --url U --state F --server-pid P --out R.json [--conns 10000 --messages-per-room 5]
 *   LoadGen largeroom --url U --state F --server-pid P --out R.json [--people 1000 --connect-rate 500 --senders 10 --rates 2,5 --hold 25]
 *   LoadGen cluster   --url U --state F --nodes U1,U2,U3 --server-pids P1,P2,P3 --metrics M1,M2,M3 --out R.json
 *                     [--rate 100 --hold 25 --room-sockets 20 --quiet-rooms 3 --wait-seconds 0]
 * </pre>
 * Every scenario fails (exit 1) when a message is lost or duplicated.
 */
public final class LoadGen {
    private LoadGen() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LoadGen setup|idle|idle-worker|ladder|chatmix|reconnect|largeroom --option value ...");
            System.exit(2);
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        Path state = Path.of(opts.getOrDefault("state", "bench/results/state.txt"));
        if (args[0].equals("setup")) {
            FixtureSize size = FixtureSize.of(opts);
            Fixture f = Fixture.create(opts.getOrDefault("url", "http://127.0.0.1:8080"), size.chatRooms(), size.usersPerRoom(),
                    size.ladderUsers(), size.largeRoomUsers(), size.plainUsers(), Integer.parseInt(opts.getOrDefault("concurrency", "16")));
            f.save(state);
            return;
        }
        Bench bench = new Bench(opts, Fixture.load(state));
        Report report = new Report();
        report.put("scenario", args[0]).put("target", opts.getOrDefault("target", "?")).put("label", opts.getOrDefault("label", ""))
                .put("startedAt", java.time.Instant.now().toString());
        boolean ok = switch (args[0]) {
            case "idle" -> new IdleScenario(bench, report).run();
            case "idle-worker" -> IdleScenario.worker(bench);
            case "ladder" -> new LadderScenario(bench, report).run();
            case "chatmix" -> new ChatMixScenario(bench, report).run();
            case "reconnect" -> new ReconnectScenario(bench, report).run();
            case "largeroom" -> new LargeRoomScenario(bench, report).run();
            case "cluster" -> new ClusterScenario(bench, report).run();
            default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        };
        if (!args[0].equals("idle-worker")) {
            report.put("passed", ok);
            if (opts.containsKey("out")) report.write(Path.of(opts.get("out")));
            System.out.println(Report.toJson(report.root, 0));
        }
        System.exit(ok ? 0 : 1);
    }
}

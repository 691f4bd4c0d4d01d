package org.parley.bench.load;

import java.util.Map;

/**
 * How many accounts and rooms {@code setup} registers for a scenario (or {@code all}): by default
 * one account per socket the scenario opens, with the scenario's own defaults for its socket
 * counts. {@code --sockets-per-account N} shares each account among N sockets; explicit
 * {@code --users-per-room}, {@code --ladder-users}, {@code --large-room-users} and
 * {@code --plain-users} override the computed figures. A room holds at most {@value #ROOM_MAX}
 * members, so ladder sockets beyond that share accounts. For {@code all}, the chat rooms have the
 * chat mix's size (groups small enough to push presence), so the reconnect storm's sockets share
 * those accounts.
 */
record FixtureSize(int chatRooms, int usersPerRoom, int ladderUsers, int largeRoomUsers, int plainUsers) {
    static final int ROOM_MAX = 1000;

    static FixtureSize of(Map<String, String> o) {
        String scenario = o.getOrDefault("for", "all");
        boolean all = scenario.equals("all");
        int share = Math.max(1, Integer.parseInt(o.getOrDefault("sockets-per-account", "1")));
        int chatRooms = Integer.parseInt(o.getOrDefault("chat-rooms", "50"));
        int perRoom = 0;
        if (all || scenario.equals("chatmix") || scenario.equals("cluster")) perRoom = Integer.parseInt(o.getOrDefault("room-sockets", "20"));
        if (scenario.equals("reconnect")) { // with "all" the chat rooms keep the chat mix's size, and reconnect's sockets share them
            perRoom = Math.max(perRoom, Integer.parseInt(o.getOrDefault("conns", "10000")) / Math.max(1, chatRooms));
        }
        int ladder = 0;
        if (all || scenario.equals("ladder")) ladder = Math.min(ROOM_MAX, Integer.parseInt(o.getOrDefault("max", "19000")));
        int large = 0;
        if (all || scenario.equals("largeroom")) large = Math.min(ROOM_MAX, Integer.parseInt(o.getOrDefault("people", "1000")));
        int plain = 0;
        if (scenario.equals("idle")) plain = Integer.parseInt(o.getOrDefault("conns", "19500"));
        if (perRoom == 0) chatRooms = 0;
        return new FixtureSize(chatRooms, opt(o, "users-per-room", ceil(perRoom, share)), opt(o, "ladder-users", ceil(ladder, share)),
                opt(o, "large-room-users", ceil(large, share)), opt(o, "plain-users", ceil(plain, share)));
    }

    private static int ceil(int sockets, int share) {
        return sockets == 0 ? 0 : Math.max(2, (sockets + share - 1) / share);
    }

    private static int opt(Map<String, String> o, String key, int computed) {
        return o.containsKey(key) ? Integer.parseInt(o.get(key)) : computed;
    }
}

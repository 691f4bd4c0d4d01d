package org.parley.bench.search;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/** The query shapes measured, each drawing fresh words for every run, for a given searcher. */
final class QueryShapes {
    /** A named shape: makes one query for the searcher at user index {@code user}. */
    record Shape(String name, String example, BiFunction<Integer, SplittableRandom, String> query) {}

    private QueryShapes() {}

    static List<Shape> all(ChatCorpus corpus, BenchDataLoader.Dataset data) {
        List<String> vocab = corpus.vocabulary();
        String since = Instant.ofEpochMilli(data.lastAt()).atZone(ZoneOffset.UTC).toLocalDate().minusDays(120).toString();
        return List.of(
                new Shape("rare word", "kotrasta", (u, r) -> vocab.get(3_000 + r.nextInt(9_000))),
                new Shape("two common words", "deploy staging",
                        (u, r) -> vocab.get(10 + r.nextInt(110)) + " " + vocab.get(10 + r.nextInt(110))),
                new Shape("phrase", "\"code review\"",
                        (u, r) -> '"' + ChatCorpus.PHRASES.get(r.nextInt(ChatCorpus.PHRASES.size())) + '"'),
                new Shape("prefix", "conf*", (u, r) -> {
                    String w = vocab.get(40 + r.nextInt(360));
                    return w.substring(0, Math.min(4, w.length())) + "*";
                }),
                new Shape("filtered", "build from:user042 after:" + since, (u, r) -> {
                    int[] rooms = data.roomsOfUser()[u];
                    int[] members = data.membersOfRoom()[rooms[r.nextInt(rooms.length)]];
                    return vocab.get(10 + r.nextInt(190)) + " from:" + data.usernames()[members[r.nextInt(members.length)]]
                            + " after:" + since;
                }),
                new Shape("number in identifiers", "1234", (u, r) -> Integer.toString(100 + r.nextInt(19_900))));
    }
}

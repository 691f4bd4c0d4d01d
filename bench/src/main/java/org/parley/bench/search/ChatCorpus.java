package org.parley.bench.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates chat messages with a realistic shape: words drawn from a Zipf-distributed vocabulary
 * (common English and chat words first, then a long tail of invented words), a lognormal number
 * of words per message, and now and then ticket and pull-request ids, numbers, error
 * identifiers, links, accented words and stock phrases. Deterministic for a given seed.
 */
final class ChatCorpus {
    static final List<String> COMMON = List.of(("the to i you a and it is that we in of for on this be can "
            + "have with ok not but so just do are if will at what was me my it's all there get no yes "
            + "think need like know now up out about one from yeah thanks an or your see go would sure let "
            + "make time good did when how here they should right as some work also then more today still "
            + "could new build test deploy fix issue meeting lunch review merge branch release staging prod "
            + "server client api bug error log logs check looks please tomorrow morning call update ticket "
            + "change config database query slow fast team week done ready start stop again problem "
            + "working broken failed passed green red ci pipeline docker image cluster node service cache "
            + "user users data file files link doc docs design spec plan sprint demo customer support "
            + "question answer idea thought probably maybe actually really great nice cool awesome sorry "
            + "later soon yesterday friday monday back home office remote feature flag rollback hotfix "
            + "version upgrade migration schema index memory cpu disk network timeout retry latency").split(" "));
    static final List<String> PHRASES = List.of("code review", "pull request", "stand up", "on call",
            "happy path", "load balancer", "root cause", "feature flag", "release notes", "unit tests");
    private static final List<String> ACCENTED = List.of("café", "résumé", "naïve", "déjà vu", "façade", "über",
            "São Paulo", "jalapeño", "crème brûlée", "Zürich");
    private static final List<String> ERROR_PARTS = List.of("Null", "Pointer", "Index", "OutOfBounds", "Illegal",
            "State", "Argument", "Timeout", "Connection", "Refused", "Concurrent", "Modification", "Class", "Cast");
    private static final String[] SYLLABLES = ("ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni "
            + "no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo tra tre tri pro pra gra "
            + "gre dri dro fla fle sto sta ster ton lan ran ven mor dal bel cor").split(" ");

    private final SplittableRandom random;
    private final List<String> vocabulary;
    private final double[] cumulative;

    ChatCorpus(long seed, int vocabularySize) {
        this.random = new SplittableRandom(seed);
        this.vocabulary = vocabulary(vocabularySize, new SplittableRandom(seed ^ 0x5eed));
        this.cumulative = zipf(vocabulary.size(), 1.05);
    }

    /** Words by rank: 0 is the most frequent. */
    List<String> vocabulary() {
        return vocabulary;
    }

    String message() {
        int words = (int) Math.max(1, Math.min(50, Math.round(Math.exp(2.2 + 0.6 * random.nextGaussian()))));
        List<String> out = new ArrayList<>(words + 2);
        for (int i = 0; i < words; i++) out.add(word());
        double extra = random.nextDouble();
        if (extra < 0.04) out.add(random.nextInt(out.size() + 1), "PR-" + (1 + random.nextInt(20_000)));
        else if (extra < 0.07) out.add(random.nextInt(out.size() + 1), "OPS-" + (100 + random.nextInt(900)));
        else if (extra < 0.09) out.add(random.nextInt(out.size() + 1), errorName());
        else if (extra < 0.12) out.add(random.nextInt(out.size() + 1), Integer.toString(random.nextInt(100_000)));
        else if (extra < 0.15) out.add("https://git.example.com/team/repo/pull/" + (1 + random.nextInt(20_000)));
        else if (extra < 0.17) out.add(random.nextInt(out.size() + 1), pick(ACCENTED));
        else if (extra < 0.20) out.add(random.nextInt(out.size() + 1), pick(PHRASES));
        String text = String.join(" ", out);
        return random.nextDouble() < 0.3 ? Character.toUpperCase(text.charAt(0)) + text.substring(1) : text;
    }

    String errorName() {
        String a = pick(ERROR_PARTS), b = pick(ERROR_PARTS);
        return (random.nextBoolean() ? "java.lang." : "") + a + b + (random.nextBoolean() ? "Error" : "Exception");
    }

    private String word() {
        int rank = Arrays.binarySearch(cumulative, random.nextDouble());
        return vocabulary.get(rank < 0 ? Math.min(-rank - 1, vocabulary.size() - 1) : rank);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static List<String> vocabulary(int size, SplittableRandom random) {
        List<String> words = new ArrayList<>(COMMON);
        java.util.Set<String> seen = new java.util.HashSet<>(words);
        while (words.size() < size) {
            StringBuilder w = new StringBuilder();
            int syllables = 2 + random.nextInt(3);
            for (int i = 0; i < syllables; i++) w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            if (seen.add(w.toString())) words.add(w.toString());
        }
        return List.copyOf(words);
    }

    /** The cumulative distribution of a Zipf law with exponent {@code s} over {@code n} ranks. */
    static double[] zipf(int n, double s) {
        double[] c = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) c[k] = sum += 1 / Math.pow(k + 1, s);
        for (int k = 0; k < n; k++) c[k] /= sum;
        return c;
    }
}

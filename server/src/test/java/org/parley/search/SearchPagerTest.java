package org.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Ranked pages over windows, against an in-memory source that can change between pages. */
class SearchPagerTest {
    private final TreeMap<Long, String> messages = new TreeMap<>();
    private final Map<Long, Integer> scores = new HashMap<>();
    private final RankedPager.Source source = (from, before, limit) -> messages.subMap(from, true, before, false)
            .descendingMap().entrySet().stream().limit(limit)
            .map(e -> new RankedPager.Candidate(e.getKey(), e.getValue())).toList();
    private final RankedPager.Scorer scorer = c -> scores.get(c.id());

    private void add(long id, int score) {
        messages.put(id, "m" + id);
        scores.put(id, score);
    }

    private List<Long> pageThrough(RankedPager pager, int limit, Runnable betweenPages) {
        List<Long> ids = new ArrayList<>();
        SearchCursor cursor = SearchCursor.first(messages.lastKey(), 7);
        while (cursor != null) {
            RankedPager.Page page = pager.page(source, scorer, cursor, limit);
            assertThat(page.hits().size()).isLessThanOrEqualTo(limit);
            if (page.next() != null) assertThat(page.hits()).hasSize(limit);
            page.hits().forEach(h -> ids.add(h.candidate().id()));
            cursor = page.next() == null ? null : SearchCursor.decode(page.next().encode(), 7);
            betweenPages.run();
        }
        return ids;
    }

    @Test
    void ranksByScoreThenNewestWithinEachWindowOfNewestMatches() {
        for (long id = 1; id <= 10; id++) add(id, id % 2 == 0 ? 5 : 1);
        List<Long> ids = pageThrough(new RankedPager(4), 3, () -> { });
        assertThat(ids).containsExactly(10L, 8L, 9L, 7L, 6L, 4L, 5L, 3L, 2L, 1L);
    }

    @Test
    void neverRepeatsOrSkipsAcrossWindowsAndPageSizes() {
        java.util.Random random = new java.util.Random(42);
        for (long id = 1; id <= 97; id++) add(id * 3, random.nextInt(4));
        for (int window : new int[] {1, 5, 16, 500}) {
            for (int limit : new int[] {1, 4, 10, 50}) {
                List<Long> ids = pageThrough(new RankedPager(window), limit, () -> { });
                assertThat(ids).as("window %d limit %d", window, limit).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(messages.keySet());
            }
        }
    }

    @Test
    void messagesSentOrDeletedWhilePagingShiftNothingElse() {
        for (long id = 1; id <= 40; id++) add(id, (int) (id % 3));
        List<Long> before = new ArrayList<>(messages.keySet());
        long[] next = {100};
        List<Long> deleted = new ArrayList<>();
        List<Long> ids = pageThrough(new RankedPager(7), 4, () -> {
            add(next[0]++, 9);
            Long victim = messages.headMap(41L).firstKey();
            deleted.add(victim);
            messages.remove(victim);
        });
        assertThat(ids).doesNotHaveDuplicates().doesNotContainAnyElementsOf(List.of(100L, 101L, 102L));
        List<Long> expected = new ArrayList<>(before);
        expected.removeAll(deleted);
        assertThat(ids).containsAll(expected.stream().filter(id -> !deleted.contains(id)).toList());
    }

    @Test
    void anEmptySearchHasNoNextPage() {
        add(1, 0);
        messages.clear();
        RankedPager.Page page = new RankedPager(5).page(source, scorer, SearchCursor.first(10, 1), 5);
        assertThat(page.hits()).isEmpty();
        assertThat(page.next()).isNull();
    }
}

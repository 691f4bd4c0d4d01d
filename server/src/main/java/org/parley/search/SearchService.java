package org.parley.search;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.parley.auth.Principal;
import org.parley.errors.ParleyException;
import org.parley.messages.Message;
import org.parley.messages.MessageReader;
import org.parley.storage.Database;

/**
 * Message search for one user: parses the query, limits it to the rooms the user is a member of
 * at this moment, finds candidates through the database's indexes, ranks them and cuts a page.
 * A room the user is not in never contributes a hit, a snippet or a count.
 */
public final class SearchService {
    public static final int PAGE_DEFAULT = 20;
    public static final int PAGE_MAX = 50;

    private final Database db;
    private final SearchStore store;
    private final MessageReader messages;
    private final RankedPager pager = new RankedPager();

    public SearchService(Database db, MessageReader messages) {
        this.db = db;
        this.store = new SearchStore(db.dialect());
        this.messages = messages;
    }

    public SearchPage search(Principal actor, String q, Integer limit, String cursor) {
        int n = limit == null ? PAGE_DEFAULT : limit;
        if (n < 1 || n > PAGE_MAX) throw ParleyException.invalid("limit", "limit must be between 1 and " + PAGE_MAX + ".");
        List<QueryPart> parts = QueryParser.parse(q);
        TextCriteria text = TextCriteria.of(parts);
        int fingerprint = SearchCursor.fingerprint(q);
        SearchCursor start = cursor == null || cursor.isEmpty() ? null : SearchCursor.decode(cursor, fingerprint);
        boolean filtered = parts.stream().anyMatch(p -> !(p instanceof QueryPart.TextPart || p instanceof QueryPart.Excluded));
        if (text.required().isEmpty() && !filtered) return SearchPage.empty();
        return db.withHandle(h -> {
            List<SearchStore.MemberRoom> rooms = store.memberRooms(h, actor.userId());
            SearchScope scope = scope(h, actor, parts, rooms);
            if (scope.isEmpty()) return SearchPage.empty();
            SearchCursor from = start != null ? start : SearchCursor.first(store.newestMessageId(h), fingerprint);
            RankedPager.Page page = pager.page(
                    (fromId, beforeId, max) -> store.candidates(h, text, scope, fromId, beforeId, max),
                    c -> Relevance.score(FoldedText.of(c.content()), text.required()),
                    from, n);
            return new SearchPage(hits(h, page.hits(), rooms, text), page.next() == null ? null : page.next().encode());
        });
    }

    private SearchScope scope(Handle h, Principal actor, List<QueryPart> parts, List<SearchStore.MemberRoom> rooms) {
        Set<String> roomNames = new LinkedHashSet<>();
        Set<String> usernames = new LinkedHashSet<>();
        boolean fromMe = false;
        Long createdFrom = null;
        Long createdBefore = null;
        boolean hasLink = false;
        boolean hasFile = false;
        boolean hasImage = false;
        for (QueryPart part : parts) {
            switch (part) {
                case QueryPart.InRoom(String name) -> roomNames.add(FoldedText.fold(name));
                case QueryPart.From(String username) -> {
                    if (username.equals("me")) fromMe = true;
                    else usernames.add(username);
                }
                case QueryPart.Before(var date) -> {
                    long t = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                    createdBefore = createdBefore == null ? t : Math.min(createdBefore, t);
                }
                case QueryPart.After(var date) -> {
                    long t = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                    createdFrom = createdFrom == null ? t : Math.max(createdFrom, t);
                }
                case QueryPart.HasLink() -> hasLink = true;
                case QueryPart.HasFile() -> hasFile = true;
                case QueryPart.HasImage() -> hasImage = true;
                default -> { }
            }
        }
        List<Long> roomIds = rooms.stream()
                .filter(r -> roomNames.isEmpty() || roomNames.stream().anyMatch(name -> isCalled(r, name)))
                .map(SearchStore.MemberRoom::id).toList();
        List<Long> senders = null;
        if (fromMe || !usernames.isEmpty()) {
            senders = new ArrayList<>(store.userIds(h, usernames));
            if (fromMe) senders.add(actor.userId());
        }
        return new SearchScope(roomIds, !roomNames.isEmpty(), senders, createdFrom, createdBefore, hasLink, hasFile,
                hasImage);
    }

    /** Whether {@code in:name} (folded) names this room: its name, or for a direct room the other person. */
    private static boolean isCalled(SearchStore.MemberRoom room, String foldedName) {
        if (foldedName.equals(FoldedText.fold(room.shownName()))) return true;
        return room.peerUsername() != null && foldedName.equals(FoldedText.fold(room.peerUsername()));
    }

    private List<SearchPage.Hit> hits(Handle h, List<RankedPager.Ranked> ranked, List<SearchStore.MemberRoom> rooms,
                                      TextCriteria text) {
        if (ranked.isEmpty()) return List.of();
        Map<Long, Message> byId = messages.byIds(h, ranked.stream().map(r -> r.candidate().id()).toList()).stream()
                .collect(Collectors.toMap(Message::id, Function.identity()));
        Map<Long, SearchStore.MemberRoom> roomById = rooms.stream()
                .collect(Collectors.toMap(SearchStore.MemberRoom::id, Function.identity()));
        List<SearchPage.Hit> hits = new ArrayList<>(ranked.size());
        for (RankedPager.Ranked r : ranked) {
            Message m = byId.get(r.candidate().id());
            if (m == null || m.deleted()) continue; // deleted between finding and loading it
            SearchStore.MemberRoom room = roomById.get(m.roomId());
            FoldedText folded = FoldedText.of(m.content());
            List<MatchFinder.Match> matches = text.required().stream()
                    .flatMap(t -> MatchFinder.find(folded, t).stream()).toList();
            hits.add(new SearchPage.Hit(m, new SearchPage.Room(room.id(), room.shownName(), room.kind()),
                    Snippets.of(m.content(), matches), r.score()));
        }
        return hits;
    }
}

package org.parley.bench.search;

import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.storage.Database;
import org.parley.storage.Dialect;

/** Bytes on disk of the messages table and of each search index. */
final class IndexSizes {
    private IndexSizes() {}

    static Map<String, Long> of(Database db) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        db.withHandle(h -> {
            if (db.dialect() == Dialect.POSTGRES) {
                for (String rel : new String[] {"messages", "messages_search_words", "messages_search_trigrams",
                        "messages_search_sender"}) {
                    sizes.put(rel, h.createQuery("SELECT pg_relation_size(CAST(:r AS regclass))").bind("r", rel)
                            .mapTo(Long.class).one());
                }
                sizes.put("database", h.createQuery("SELECT pg_database_size(current_database())").mapTo(Long.class).one());
            } else {
                sizes.put("messages", sqlite(h, "name = 'messages'"));
                sizes.put("message_search (FTS5 trigram index)", sqlite(h, "name LIKE 'message\\_search%' ESCAPE '\\'"));
                sizes.put("database", sqlite(h, "1 = 1"));
            }
            return null;
        });
        return sizes;
    }

    private static long sqlite(org.jdbi.v3.core.Handle h, String where) {
        return h.createQuery("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE " + where).mapTo(Long.class).one();
    }
}

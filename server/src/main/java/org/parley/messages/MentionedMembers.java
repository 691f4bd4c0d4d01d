package org.parley.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ids of the members a message's mentions name, in the order the text names them. */
final class MentionedMembers {
    private MentionedMembers() {}

    /** {@code members} maps the usernames of the room's members among the mentioned ones to their ids. */
    static List<Long> ids(Mentions mentions, Map<String, Long> members) {
        List<Long> ids = new ArrayList<>();
        for (String name : mentions.usernames()) {
            Long id = members.get(name);
            if (id != null && !ids.contains(id)) ids.add(id);
        }
        return ids;
    }
}

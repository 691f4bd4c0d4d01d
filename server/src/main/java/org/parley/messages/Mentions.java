package org.parley.messages;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code @username} words of a message's text. A mention is {@code @} at the start of the text
 * or after a character that cannot be part of a name or an address, followed by 3-32 characters a
 * username may hold; trailing dots and dashes end the sentence, not the name. {@code @room} calls
 * on the whole room; whether it counts depends on who wrote it, which the caller decides.
 */
record Mentions(Set<String> usernames, boolean room) {
    static final String ROOM = "room";
    static final Mentions NONE = new Mentions(Set.of(), false);

    private static final Pattern MENTION = Pattern.compile("(?:^|[^\\w@.-])@([A-Za-z0-9_.-]{3,32})");

    static Mentions in(String content) {
        if (content == null || content.indexOf('@') < 0) return NONE;
        Set<String> names = new LinkedHashSet<>();
        boolean room = false;
        Matcher m = MENTION.matcher(content);
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[.-]+$", "");
            if (name.equals(ROOM)) room = true;
            else if (name.length() >= 3) names.add(name);
        }
        return names.isEmpty() && !room ? NONE : new Mentions(Collections.unmodifiableSet(names), room);
    }

    boolean isEmpty() {
        return usernames.isEmpty() && !room;
    }
}

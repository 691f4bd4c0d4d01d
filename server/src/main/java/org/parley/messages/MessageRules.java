package org.parley.messages;

import java.nio.charset.StandardCharsets;
import org.parley.errors.ParleyException;

/** What a message, a client id and a reaction may contain. */
public final class MessageRules {
    public static final int CLIENT_ID_MAX = 64;
    public static final int EMOJI_MAX_BYTES = 32;

    private final int maxChars;

    public MessageRules(int maxChars) {
        this.maxChars = maxChars;
    }

    /** The content as written; refused when blank, too long, or holding control characters other than tabs and newlines. */
    String content(String content) {
        if (content == null || content.isBlank()) throw ParleyException.invalid("content", "A message needs some text.");
        if (content.codePointCount(0, content.length()) > maxChars) {
            throw ParleyException.invalid("content", "A message has at most " + maxChars + " characters.");
        }
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f) {
                throw ParleyException.invalid("content", "A message must not contain control characters.");
            }
        }
        return content;
    }

    static String clientId(String clientId) {
        if (clientId == null || clientId.isEmpty()) return null;
        if (clientId.length() > CLIENT_ID_MAX || !clientId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ParleyException.invalid("clientId", "clientId must be 1-" + CLIENT_ID_MAX + " printable ASCII characters.");
        }
        return clientId;
    }

    static String emoji(String emoji) {
        if (emoji == null || emoji.isBlank() || emoji.getBytes(StandardCharsets.UTF_8).length > EMOJI_MAX_BYTES
                || emoji.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw ParleyException.invalid("emoji", "A reaction is one emoji of at most " + EMOJI_MAX_BYTES + " bytes.");
        }
        return emoji;
    }
}

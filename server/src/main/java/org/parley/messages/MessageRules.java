package org.parley.messages;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.parley.errors.ParleyException;
import org.parley.files.Attachments;

/**
 * What a message, a client id, a list of attachments and a reaction may contain. A message needs
 * text unless it carries files; whether the files may be attached is decided by the writer, in
 * the transaction that stores the message.
 */
public final class MessageRules {
    public static final int CLIENT_ID_MAX = 64;
    public static final int EMOJI_MAX_BYTES = 32;
    /** A file id: characters of base64url, at most this many. */
    public static final int FILE_ID_MAX = 64;

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

    /** The content of a new message: with attachments it may be empty or absent (then it is empty). */
    String content(String content, boolean withAttachments) {
        if (withAttachments && (content == null || content.isBlank())) return "";
        return content(content);
    }

    /** The file ids of a new message, in order: at most {@link Attachments#MAX_PER_MESSAGE}, each once. */
    static List<String> attachments(List<String> fileIds) {
        if (fileIds == null) return List.of();
        if (fileIds.size() > Attachments.MAX_PER_MESSAGE) {
            throw ParleyException.invalid("attachments", "A message can carry at most " + Attachments.MAX_PER_MESSAGE + " files.");
        }
        if (new HashSet<>(fileIds).size() != fileIds.size()) {
            throw ParleyException.invalid("attachments", "The same file is attached twice.");
        }
        for (String id : fileIds) {
            if (id.isEmpty() || id.length() > FILE_ID_MAX || !id.chars().allMatch(MessageRules::isBase64Url)) {
                throw ParleyException.invalid("attachments", "attachments must be file ids.");
            }
        }
        return fileIds;
    }

    private static boolean isBase64Url(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
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

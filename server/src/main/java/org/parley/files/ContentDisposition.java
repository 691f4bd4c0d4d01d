package org.parley.files;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition} values with the name in both forms of RFC 6266: a plain
 * {@code filename} of printable ASCII (others become {@code _}) for old clients and
 * {@code filename*=UTF-8''...} (RFC 8187 percent-encoding) with the real name.
 */
final class ContentDisposition {
    private ContentDisposition() {}

    static String of(boolean inline, String name) {
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii(name) + "\"; filename*=UTF-8''" + encoded(name);
    }

    private static String ascii(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        return b.toString();
    }

    private static String encoded(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) b.append((char) c);
            else b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
        }
        return b.toString();
    }
}

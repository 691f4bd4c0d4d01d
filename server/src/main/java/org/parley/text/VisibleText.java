package org.parley.text;

import java.text.Normalizer;
import java.util.Optional;

/**
 * Rules for names people see next to each other (display names, room names) and for free text
 * shown in the interface (room descriptions). A name is NFKC-normalised and trimmed, and must not
 * hide or reorder what surrounds it: no control characters, no bidirectional embeddings,
 * overrides or isolates (U+202A-U+202E, U+2066-U+2069, and the marks U+200E, U+200F, U+061C), no
 * zero-width or other format characters (U+200B, U+2060, the BOM U+FEFF, ...; a zero-width joiner
 * is kept only inside an emoji sequence), and not only blanks, fillers (U+3164, U+115F, U+1160,
 * U+FFA0, U+2800) and combining marks. Free text may hold newlines and tabs but no other control
 * character.
 */
public final class VisibleText {
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private VisibleText() {}

    /** NFKC, then trimmed; null becomes empty. */
    public static String normalizeName(String raw) {
        return raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
    }

    /** Why {@code name} (already normalised, not empty) cannot be shown as a name, if it cannot. */
    public static Optional<String> nameProblem(String name) {
        int[] cps = name.codePoints().toArray();
        boolean visible = false;
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (Character.isISOControl(cp)) return Optional.of("must not contain control characters");
            if (Character.getType(cp) == Character.FORMAT && !joinsEmoji(cps, i)) {
                return Optional.of("must not contain invisible or text-direction characters");
            }
            if (!isBlank(cp)) visible = true;
        }
        return visible ? Optional.empty() : Optional.of("must contain a visible character");
    }

    /** True when {@code text} holds a control character other than newline and tab. */
    public static boolean hasControlsOtherThanNewlineAndTab(String text) {
        return text.codePoints().anyMatch(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\t');
    }

    private static boolean joinsEmoji(int[] cps, int i) {
        return cps[i] == ZERO_WIDTH_JOINER && i > 0 && i + 1 < cps.length
                && emojiPart(cps[i - 1]) && Character.isEmoji(cps[i + 1]);
    }

    /** An emoji, or what may end one before a joiner (variation selector, skin tone). */
    private static boolean emojiPart(int cp) {
        return Character.isEmoji(cp) || Character.isEmojiModifier(cp) || cp == 0xFE0F;
    }

    private static boolean isBlank(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) return true;
        if (cp == 0x3164 || cp == 0x115F || cp == 0x1160 || cp == 0xFFA0 || cp == 0x2800) return true;
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT;
    }
}
